package io.github.backgroundwork.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.recurring.RecurringScheduler;
import io.github.backgroundwork.recurring.RecurringStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows what the application's {@link BackgroundWorkQueue
 * queues} are doing, in a response of bounded size whatever they hold: per queue its
 * state and counters, the names of work with the most items, and one page of its items,
 * filtered by state and name; each recurring name with its schedule, next due time and
 * last run; and lets an operator look up, cancel, retry or delete one item in whichever
 * queue holds it, or every item a filter matches, pause or resume work, and run a
 * recurring name now. It shows names and state, never the work's arguments.
 * <p>
 * Its access is {@link Access#READ_ONLY read-only} by default: every action needs
 * {@code management.endpoint.backgroundwork.access=unrestricted}.
 *
 * @since 0.1.0
 */
@Endpoint(id = "backgroundwork", defaultAccess = Access.READ_ONLY)
public class BackgroundWorkEndpoint {

	/**
	 * How many items a page holds when the request does not say.
	 */
	public static final int DEFAULT_LIMIT = 20;

	/**
	 * How many items a page holds at most, whatever the request says.
	 */
	public static final int MAX_LIMIT = 100;

	/**
	 * How many names of work the per-name breakdown shows at most.
	 */
	public static final int MAX_NAMES = 20;

	private final Map<String, BackgroundWorkQueue> queues;

	private final @Nullable DurableWorkDescriber durable;

	private final WorkActions actions;

	private final @Nullable RecurringScheduler recurring;

	/**
	 * Create an endpoint of one queue, shown as {@code backgroundWorkQueue}.
	 * @param queue the queue to show
	 */
	public BackgroundWorkEndpoint(BackgroundWorkQueue queue) {
		this(Map.of("backgroundWorkQueue", queue));
	}

	/**
	 * Create an endpoint of several queues.
	 * @param queues the queues to show, by name (their bean names in an application)
	 * @since 0.1.0
	 */
	public BackgroundWorkEndpoint(Map<String, ? extends BackgroundWorkQueue> queues) {
		this(queues, null);
	}

	/**
	 * Create an endpoint of several queues whose typed work may be kept in a durable
	 * store.
	 * @param queues the queues to show, by name (their bean names in an application)
	 * @param durable what reads the durable store's items for the whole cluster, or
	 * {@code null} when typed work is kept in memory
	 * @since 0.1.0
	 */
	public BackgroundWorkEndpoint(Map<String, ? extends BackgroundWorkQueue> queues,
			@Nullable DurableWorkDescriber durable) {
		this(queues, durable, null);
	}

	/**
	 * Create an endpoint of several queues, with the recurring names of the application.
	 * @param queues the queues to show, by name (their bean names in an application)
	 * @param durable what reads the durable store's items for the whole cluster, or
	 * {@code null} when typed work is kept in memory
	 * @param recurring what keeps the recurring names on schedule, or {@code null}
	 * @since 0.1.0
	 */
	public BackgroundWorkEndpoint(Map<String, ? extends BackgroundWorkQueue> queues,
			@Nullable DurableWorkDescriber durable, @Nullable RecurringScheduler recurring) {
		this.queues = new LinkedHashMap<>(queues);
		this.durable = durable;
		this.actions = new WorkActions(queues, recurring);
		this.recurring = recurring;
	}

	/**
	 * Describe the queues: {@code GET /actuator/backgroundwork}, with optional query
	 * parameters. Items in flight come first, oldest first, then the recently finished
	 * ones, most recent first. With a durable store, its items are read from the database
	 * for the whole cluster, with the same filter and paging, in a {@code durable}
	 * section.
	 * @param queue only the queue of this name, or {@code null} for every queue
	 * @param state only items in this state (case does not matter), or {@code null}
	 * @param name only items of this name of work, or {@code null}
	 * @param offset how many matching items to skip; 0 if {@code null}
	 * @param limit how many items to show per queue; {@value #DEFAULT_LIMIT} if
	 * {@code null}, at most {@value #MAX_LIMIT}
	 * @return the queues by name
	 * @throws InvalidEndpointRequestException (400 over HTTP) naming the parameter if one
	 * is invalid
	 */
	@ReadOperation
	public QueuesDescriptor queues(@Nullable String queue, @Nullable String state, @Nullable String name,
			@Nullable Integer offset, @Nullable Integer limit) {
		WorkQuery query = EndpointRequests.query(state, name, offset, limit);
		Map<String, QueueDescriptor> described = new LinkedHashMap<>();
		EndpointRequests.queuesOf(this.queues, queue)
			.forEach((queueName, selected) -> described.put(queueName, QueueDescriptor.of(selected.statistics(),
					selected.summaryByName(), MAX_NAMES, query, selected.items(query), selected.paused())));
		return new QueuesDescriptor(described, (this.durable != null) ? this.durable.describe(query, MAX_NAMES) : null,
				recurring());
	}

	/**
	 * Describe one item, in flight or recently finished, in whichever queue holds it, or
	 * in the durable store (whichever instance runs it): {@code GET
	 * /actuator/backgroundwork/{id}}.
	 * @param id the item's id
	 * @return the item, or {@code null} (404 over HTTP) if it is unknown
	 */
	@ReadOperation
	public @Nullable WorkItemDescriptor item(@Selector String id) {
		if (!RequestFields.isWellFormed(id)) {
			return null;
		}
		if (this.durable != null) {
			Optional<WorkItemDescriptor> stored = this.durable.find(id);
			if (stored.isPresent()) {
				return stored.get();
			}
		}
		return find(id).map((item) -> WorkItemDescriptor.of(item.snapshot())).orElse(null);
	}

	/**
	 * Request cancellation of one item: {@code DELETE /actuator/backgroundwork/{id}}. A
	 * queued item never runs; a running item is told through its context and ends when
	 * its work returns. A stored item is cancelled wherever it is: waiting in the store,
	 * it ends {@code CANCELLED} there; running on this instance, it is told at once;
	 * running on another, its row asks that instance, which tells it when it next renews
	 * its leases (within a third of the lease), and the answer says {@code RUNNING}.
	 * @param id the item's id
	 * @return whether the item was still cancellable, or {@code null} if it is unknown
	 */
	@DeleteOperation
	public @Nullable CancellationDescriptor cancel(@Selector String id) {
		return RequestFields.isWellFormed(id) ? find(id).map(BackgroundWorkEndpoint::cancel).orElse(null) : null;
	}

	/**
	 * Act on one item, in whichever queue holds it or in the durable store (whichever
	 * instance runs or ran it): {@code POST /actuator/backgroundwork/{id}} with
	 * {@code {"action": "retry"}}, {@code "cancel"} or {@code "delete"}. Retry runs an
	 * ended typed item that failed, was cancelled or abandoned again under the same id,
	 * with a fresh retry budget; delete removes an ended item from the history (and its
	 * row) at once; cancel is as {@code DELETE /actuator/backgroundwork/{id}}.
	 * @param id the item's id
	 * @param action the action
	 * @return what it did: {@code APPLIED}, or why not
	 * @throws InvalidEndpointRequestException (400 over HTTP) naming {@code action} if it
	 * is missing or unknown
	 * @since 0.1.0
	 */
	@WriteOperation
	public ItemActionDescriptor act(@Selector String id, @Nullable String action) {
		try {
			return this.actions.onItem(id, action);
		}
		catch (WorkActions.InvalidActionException ex) {
			throw EndpointRequests.invalid(ex.getMessage());
		}
	}

	/**
	 * Run a recurring name now, once, outside its schedule: {@code POST
	 * /actuator/backgroundwork/recurring/{name}}, as
	 * {@code POST /actuator/backgroundwork} with {@code {"action": "trigger", "name":
	 * ...}} does. The run is an extra item; it may overlap a scheduled run.
	 * @param section {@code recurring}
	 * @param name the recurring name
	 * @return the run, or {@code null} (404 over HTTP) if the section is not
	 * {@code recurring} or the application has no recurring work
	 * @throws InvalidEndpointRequestException (400 over HTTP) if the name is not a
	 * recurring name that is switched on, naming those that are
	 */
	@WriteOperation
	public @Nullable TriggerDescriptor trigger(@Selector String section, @Selector String name) {
		if (!"recurring".equals(section) || this.recurring == null) {
			return null;
		}
		try {
			return this.actions.trigger(name);
		}
		catch (WorkActions.InvalidActionException ex) {
			throw EndpointRequests.invalid(ex.getMessage());
		}
	}

	/**
	 * Act on every item a filter matches, pause or resume, or run a recurring name now:
	 * {@code POST /actuator/backgroundwork} with
	 * {@code {"action": ..., "queue": ..., "state": ..., "name": ..., "keyPrefix": ...,
	 * "olderThan": ...}}. See
	 * {@link WorkActions#onAll(String, String, String, String, String, String)}.
	 * @param action {@code retry}, {@code cancel}, {@code delete}, {@code pause},
	 * {@code resume} or {@code trigger}
	 * @param queue only this queue, or {@code null} for every queue
	 * @param state only items in this state, or {@code null}
	 * @param name only items of this name of work (for trigger, the recurring name), or
	 * {@code null}
	 * @param keyPrefix only items whose key starts with this, or {@code null}
	 * @param olderThan only items older than this duration back from now, or this
	 * instant; or {@code null}
	 * @return how many matched and how many were changed
	 * @throws InvalidEndpointRequestException (400 over HTTP) naming the field that is
	 * invalid
	 * @since 0.1.0
	 */
	@WriteOperation
	public BulkActionDescriptor actOnAll(@Nullable String action, @Nullable String queue, @Nullable String state,
			@Nullable String name, @Nullable String keyPrefix, @Nullable String olderThan) {
		try {
			return this.actions.onAll(action, queue, state, name, keyPrefix, olderThan);
		}
		catch (WorkActions.InvalidActionException ex) {
			throw EndpointRequests.invalid(ex.getMessage());
		}
	}

	/**
	 * Describe the recurring names, as the {@code recurring} section of
	 * {@link #queues(String, String, String, Integer, Integer)} does, without reading the
	 * queues: for the console, which shows them on a page of their own.
	 * @return each recurring name with its schedule, zone, next due time, last run and
	 * whether it is paused, in name order; or {@code null} when the application has no
	 * recurring work
	 * @since 0.1.0
	 */
	public @Nullable List<RecurringStatus> recurring() {
		if (this.recurring == null) {
			return null;
		}
		List<RecurringStatus> statuses = this.recurring.statuses();
		return statuses.isEmpty() ? null : statuses;
	}

	private Optional<WorkHandle> find(String id) {
		for (BackgroundWorkQueue queue : this.queues.values()) {
			Optional<WorkHandle> item = queue.find(id);
			if (item.isPresent()) {
				return item;
			}
		}
		return Optional.empty();
	}

	private static CancellationDescriptor cancel(WorkHandle item) {
		boolean cancellable = item.cancel();
		return new CancellationDescriptor(item.id(), item.name(), cancellable, item.state());
	}

}
