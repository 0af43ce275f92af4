package io.github.backgroundwork.actuate;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.actuate.RequestFields.Action;
import io.github.backgroundwork.recurring.RecurringScheduler;
import org.jspecify.annotations.Nullable;

/**
 * An operator's actions on the application's queues, as the endpoint and the console take
 * them: checks the action and the filter, picks the queues, and calls them; for stored
 * items, the queues act on the durable store for the whole cluster; and runs a recurring
 * name now. Bad input is refused with an {@link InvalidActionException} naming the field.
 *
 * @since 0.1.0
 */
public class WorkActions {

	private final Map<String, BackgroundWorkQueue> queues;

	private final @Nullable RecurringScheduler recurring;

	private final Clock clock;

	/**
	 * Create the actions on some queues.
	 * @param queues the queues, by name (their bean names in an application)
	 */
	public WorkActions(Map<String, ? extends BackgroundWorkQueue> queues) {
		this(queues, null, Clock.systemUTC());
	}

	/**
	 * Create the actions on some queues and on the application's recurring names.
	 * @param queues the queues, by name (their bean names in an application)
	 * @param recurring what keeps the recurring names on schedule, or {@code null}
	 */
	public WorkActions(Map<String, ? extends BackgroundWorkQueue> queues, @Nullable RecurringScheduler recurring) {
		this(queues, recurring, Clock.systemUTC());
	}

	WorkActions(Map<String, ? extends BackgroundWorkQueue> queues, Clock clock) {
		this(queues, null, clock);
	}

	WorkActions(Map<String, ? extends BackgroundWorkQueue> queues, @Nullable RecurringScheduler recurring,
			Clock clock) {
		this.queues = new LinkedHashMap<>(queues);
		this.recurring = recurring;
		this.clock = clock;
	}

	/**
	 * Enqueue an extra run of a recurring name now, outside its schedule (it may overlap
	 * a scheduled run): an operator's "run now".
	 * @param name the recurring name
	 * @return the run
	 * @throws InvalidActionException naming {@code name} if it is not a recurring name
	 * that is switched on, listing those that are
	 * @throws io.github.backgroundwork.WorkRejectedException if the run does not fit in
	 * the queue
	 */
	public TriggerDescriptor trigger(@Nullable String name) {
		if (this.recurring == null) {
			throw new InvalidActionException("name", "name must be a recurring name, was " + RequestFields.quoted(name)
					+ ": this application has no recurring work");
		}
		if (name == null || name.isBlank()) {
			throw new InvalidActionException("name", "trigger needs the recurring name to run, was missing");
		}
		WorkHandle run;
		try {
			run = this.recurring.trigger(name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidActionException("name", "name must be a recurring name that is switched on, one of "
					+ this.recurring.names() + ", was " + RequestFields.quoted(name));
		}
		return new TriggerDescriptor(name, run.id(), run.state());
	}

	/**
	 * Act on one item, in whichever queue (or the durable store) holds it.
	 * @param id the item's id
	 * @param action {@code retry}, {@code cancel} or {@code delete} (case does not
	 * matter)
	 * @return what it did; {@code NOT_FOUND} if no queue knows the id
	 * @throws InvalidActionException naming {@code action} if it is missing or unknown
	 * @throws io.github.backgroundwork.WorkRejectedException if a retried item kept in
	 * memory does not fit in its queue
	 */
	public ItemActionDescriptor onItem(String id, @Nullable String action) {
		Action parsed = Action.parse(action);
		if (!parsed.onItem()) {
			throw new InvalidActionException("action",
					"action on one item must be retry, cancel or delete, was '" + action + "'");
		}
		ActionResult result = ActionResult.NOT_FOUND;
		if (RequestFields.isWellFormed(id)) {
			for (BackgroundWorkQueue queue : this.queues.values()) {
				result = apply(queue, parsed, id);
				if (result != ActionResult.NOT_FOUND) {
					break;
				}
			}
		}
		return new ItemActionDescriptor(id, parsed.value(), result, message(id, parsed, result));
	}

	/**
	 * Act on every item that matches a filter, in one queue or all of them; or pause or
	 * resume a queue, or a name of work in it; or run a recurring name now
	 * ({@link #trigger(String)}).
	 * @param action {@code retry}, {@code cancel}, {@code delete}, {@code pause},
	 * {@code resume} or {@code trigger} (case does not matter)
	 * @param queue only this queue, or {@code null} for every queue
	 * @param state only items in this state, or {@code null}
	 * @param name only items of this name of work (for pause and resume: pause or resume
	 * this name only; for trigger: the recurring name), or {@code null}
	 * @param keyPrefix only items whose key starts with this, or {@code null}
	 * @param olderThan only items that ended (or, live, were accepted) before this: a
	 * duration back from now ({@code 30m}, {@code PT1H}) or an ISO-8601 instant; or
	 * {@code null}
	 * @return how many items matched and how many were changed; for pause and resume, how
	 * many queues were addressed and how many of them changed what they pause; for
	 * trigger, one and one
	 * @throws InvalidActionException naming the field that is invalid
	 */
	public BulkActionDescriptor onAll(@Nullable String action, @Nullable String queue, @Nullable String state,
			@Nullable String name, @Nullable String keyPrefix, @Nullable String olderThan) {
		Action parsed = Action.parse(action);
		if (parsed == Action.TRIGGER) {
			// Recurring names run in the primary queue, which the scheduler knows
			RequestFields.refuseFor(parsed, "queue", queue, "name");
			RequestFields.refuseFor(parsed, "state", state, "name");
			RequestFields.refuseFor(parsed, "keyPrefix", keyPrefix, "name");
			RequestFields.refuseFor(parsed, "olderThan", olderThan, "name");
			trigger(name);
			return new BulkActionDescriptor(1, 1);
		}
		Map<String, BackgroundWorkQueue> selected = RequestFields.select(this.queues, queue);
		if (parsed == Action.PAUSE || parsed == Action.RESUME) {
			RequestFields.refuseFor(parsed, "state", state, "queue and name");
			RequestFields.refuseFor(parsed, "keyPrefix", keyPrefix, "queue and name");
			RequestFields.refuseFor(parsed, "olderThan", olderThan, "queue and name");
			return pauseOrResume(selected.values(), parsed == Action.PAUSE, RequestFields.blankToNull(name));
		}
		WorkFilter filter = new WorkFilter(RequestFields.parseState(state), RequestFields.blankToNull(name),
				(keyPrefix != null && !keyPrefix.isEmpty()) ? keyPrefix : null,
				RequestFields.parseOlderThan(olderThan, this.clock));
		long matched = 0;
		long changed = 0;
		for (BackgroundWorkQueue each : selected.values()) {
			BulkResult result = switch (parsed) {
				case RETRY -> each.retryAll(filter);
				case CANCEL -> each.cancelAll(filter);
				default -> each.deleteAll(filter);
			};
			matched += result.matched();
			changed += result.changed();
		}
		return new BulkActionDescriptor(matched, changed);
	}

	private static ActionResult apply(BackgroundWorkQueue queue, Action action, String id) {
		return switch (action) {
			case RETRY -> queue.retry(id);
			case DELETE -> queue.delete(id);
			default -> cancel(queue.find(id));
		};
	}

	private static ActionResult cancel(Optional<WorkHandle> item) {
		return item.map((handle) -> handle.cancel() ? ActionResult.APPLIED : ActionResult.ENDED)
			.orElse(ActionResult.NOT_FOUND);
	}

	private static @Nullable String message(String id, Action action, ActionResult result) {
		return switch (result) {
			case APPLIED -> null;
			case NOT_FOUND -> "No item has the id '" + id + "'";
			case ENDED -> "Item '" + id + "' has ended: only live items can be cancelled";
			case LIVE -> (action == Action.RETRY) ? "Item '" + id
					+ "' has not ended, or another live item holds its key: only ended items can be" + " retried"
					: "Item '" + id + "' has not ended: only ended items can be deleted";
			case NOT_RERUNNABLE ->
				"Item '" + id + "' cannot run again: it is a lambda, which was never stored," + " or it succeeded";
		};
	}

	private static BulkActionDescriptor pauseOrResume(Iterable<BackgroundWorkQueue> queues, boolean pause,
			@Nullable String name) {
		long matched = 0;
		long changed = 0;
		for (BackgroundWorkQueue queue : queues) {
			PausedWork before = queue.paused();
			if (name != null) {
				if (pause) {
					queue.pause(name);
				}
				else {
					queue.resume(name);
				}
			}
			else if (pause) {
				queue.pauseQueue();
			}
			else {
				queue.resumeQueue();
			}
			matched++;
			if (!queue.paused().equals(before)) {
				changed++;
			}
		}
		return new BulkActionDescriptor(matched, changed);
	}

	/**
	 * An action or filter that cannot be taken, naming the field.
	 *
	 * @since 0.1.0
	 */
	public static class InvalidActionException extends IllegalArgumentException {

		private final String field;

		/**
		 * Create an exception.
		 * @param field the field that is invalid
		 * @param message what is wrong with it, naming it
		 */
		public InvalidActionException(String field, String message) {
			super(message);
			this.field = field;
		}

		/**
		 * Return the field that is invalid.
		 * @return the field's name, as the request gives it
		 */
		public String getField() {
			return this.field;
		}

	}

}
