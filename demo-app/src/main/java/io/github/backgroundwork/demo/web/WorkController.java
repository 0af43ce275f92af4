package io.github.backgroundwork.demo.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkPage;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.recurring.RecurringScheduler;
import io.github.backgroundwork.recurring.RecurringStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo's own view of its background work, read from its {@link BackgroundWorkQueue}s
 * (the mailings' {@code backgroundWorkQueue} and the thumbnails' {@code pictureQueue})
 * rather than the actuator (which may live on another port): {@code GET /work} for the
 * page (the daily digest's next due time and last run included), {@code GET /work/{id}}
 * where an accepted item's {@code Location} points, and {@code DELETE /work/{id}} to
 * cancel it, in whichever queue holds it.
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/work")
public class WorkController {

	/**
	 * How many items in flight, and how many recent ones, {@code GET /work} shows at
	 * most.
	 */
	static final int SHOWN = 20;

	private static final Comparator<WorkItemSnapshot> RUNNING_FIRST_THEN_OLDEST = Comparator
		.comparing((WorkItemSnapshot item) -> item.startedAt() == null)
		.thenComparing(WorkItemSnapshot::enqueuedAt);

	private static final Comparator<WorkItemSnapshot> LAST_FINISHED_FIRST = Comparator
		.comparing(WorkItemSnapshot::finishedAt, Comparator.nullsLast(Comparator.reverseOrder()));

	private final Map<String, BackgroundWorkQueue> queues;

	private final @Nullable JdbcWorkStore store;

	private final @Nullable RecurringScheduler recurring;

	/**
	 * Create a controller.
	 * @param queues the queues whose items it shows, by bean name
	 * @param store the durable store, with {@code background-work.store=jdbc}
	 * @param recurring what keeps the recurring names (the daily digest) on schedule
	 */
	public WorkController(Map<String, BackgroundWorkQueue> queues, ObjectProvider<JdbcWorkStore> store,
			ObjectProvider<RecurringScheduler> recurring) {
		this.queues = new TreeMap<>(queues);
		this.store = store.getIfAvailable();
		this.recurring = recurring.getIfUnique();
	}

	/**
	 * Return each queue's counters, the first {@value #SHOWN} items in flight in all
	 * queues (running ones first) and the {@value #SHOWN} that finished last: a bounded
	 * answer, however many items wait. Those are the items kept in memory; with a durable
	 * store, the stored ones (thumbnails, the durable mailing) are read from the
	 * database: counts per state and the {@value #SHOWN} most recently enqueued. The
	 * recurring names come with their next due time and last run.
	 * @return the overview
	 */
	@GetMapping
	public WorkOverview overview() {
		List<WorkItemSnapshot> inFlight = new ArrayList<>();
		List<WorkItemSnapshot> recent = new ArrayList<>();
		Map<String, QueueStatistics> statistics = new LinkedHashMap<>();
		long inFlightTotal = 0;
		for (Map.Entry<String, BackgroundWorkQueue> queue : this.queues.entrySet()) {
			statistics.put(queue.getKey(), queue.getValue().statistics());
			for (WorkState state : WorkState.values()) {
				WorkPage page = queue.getValue().items(new WorkQuery(state, null, 0, SHOWN));
				if (state.isTerminal()) {
					recent.addAll(page.items());
				}
				else {
					inFlight.addAll(page.items());
					inFlightTotal += page.total();
				}
			}
		}
		return new WorkOverview(statistics, first(inFlight, RUNNING_FIRST_THEN_OLDEST), inFlightTotal,
				first(recent, LAST_FINISHED_FIRST),
				(this.store != null) ? DurableOverview.read(this.store.reader(), SHOWN) : null,
				(this.recurring != null) ? this.recurring.statuses() : List.of());
	}

	/**
	 * Return one item, in flight or recently finished, or stored.
	 * @param id the item's id
	 * @return the item
	 * @throws ResponseStatusException {@code 404} if the queue does not know the id
	 */
	@GetMapping("/{id}")
	public WorkItemSnapshot item(@PathVariable String id) {
		return find(id).snapshot();
	}

	/**
	 * Request the cancellation of an item. One that has not started never runs; a running
	 * one is told through its {@code WorkContext} and ends when its work returns. A
	 * stored item is cancelled wherever it is: a running one elsewhere is told by the
	 * instance that runs it, and stays {@code RUNNING} here until its work returns.
	 * @param id the item's id
	 * @return {@code 202 Accepted} with the item as it is right after the request
	 * @throws ResponseStatusException {@code 404} if the queue does not know the id,
	 * {@code 409} if the item has already ended
	 */
	@DeleteMapping("/{id}")
	public ResponseEntity<WorkItemSnapshot> cancel(@PathVariable String id) {
		WorkHandle item = find(id);
		if (!item.cancel()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Background work item '" + id + "' (" + item.name()
					+ ") has already ended " + item.state() + ": there is nothing to cancel");
		}
		return ResponseEntity.accepted().body(item.snapshot());
	}

	private WorkHandle find(String id) {
		return this.queues.values()
			.stream()
			.flatMap((queue) -> queue.find(id).stream())
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No background work item '" + id + "' is in flight or among the recently finished ones"));
	}

	private static List<WorkItemSnapshot> first(List<WorkItemSnapshot> items, Comparator<WorkItemSnapshot> order) {
		return items.stream().sorted(order).limit(SHOWN).toList();
	}

	/**
	 * What {@code GET /work} answers.
	 *
	 * @param queues each queue's state, configuration and counters, by bean name
	 * @param inFlight at most {@value #SHOWN} items queued or running, running ones
	 * first, then oldest first
	 * @param inFlightTotal how many items are in flight in all
	 * @param recent at most {@value #SHOWN} recently finished items, last finished first
	 * @param durable the durable store's items, or {@code null} when typed work is kept
	 * in memory
	 * @param recurring each recurring name (the daily digest) with its schedule, next due
	 * time and last run
	 */
	public record WorkOverview(Map<String, QueueStatistics> queues, List<WorkItemSnapshot> inFlight, long inFlightTotal,
			List<WorkItemSnapshot> recent, @Nullable DurableOverview durable, List<RecurringStatus> recurring) {

	}

}
