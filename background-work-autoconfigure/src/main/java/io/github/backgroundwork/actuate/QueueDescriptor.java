package io.github.backgroundwork.actuate;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkNameSummary;
import io.github.backgroundwork.WorkPage;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkTotals;

/**
 * One queue as {@code GET /actuator/backgroundwork} shows it: its state and counters, the
 * names of work with the most items, and one page of its items. Its size is bounded
 * whatever the queue holds. With a durable store, the names and the page hold only items
 * kept in memory: stored items, wherever they run, are in the {@code durable} section;
 * the counters ({@code queued}, {@code running}, {@code totals}) are this instance's
 * load, and include the stored items it has claimed.
 *
 * @param state {@code RUNNING}; or, during shutdown, {@code DRAINING} (refusing new work,
 * letting accepted work finish), then {@code CANCELLING} (past the drain timeout,
 * cancellation requested), then {@code TERMINATED}
 * @param concurrency how many items may run at once
 * @param capacity how many items may wait for a worker
 * @param queued how many items wait for a worker now
 * @param scheduled how many items wait for their time now
 * @param running how many items run now
 * @param totals counts since the queue was created: {@code accepted} enqueues, items that
 * {@code succeeded}, {@code failed} or were {@code cancelled}, {@code rejected} enqueues,
 * and items {@code abandoned} at the shutdown deadline
 * @param names per name of work in flight or recently failed, how many items are queued,
 * scheduled, running and recently failed; the names with the most items first
 * @param items one page of the items that match the request, in flight oldest first, then
 * recently finished most recent first
 * @param paused what an operator has paused: the whole queue, and names one by one
 * @since 0.1.0
 */
public record QueueDescriptor(QueueState state, int concurrency, int capacity, long queued, long scheduled,
		long running, WorkTotals totals, NamesDescriptor names, ItemsDescriptor items, PausedDescriptor paused) {

	private static final Comparator<WorkNameSummary> MOST_ITEMS_FIRST = Comparator
		.comparingLong((WorkNameSummary summary) -> summary.queued() + summary.scheduled() + summary.running())
		.thenComparingLong(WorkNameSummary::recentFailures)
		.reversed()
		.thenComparing(WorkNameSummary::name);

	/**
	 * Describe a queue.
	 * @param statistics its statistics
	 * @param summaries its items per name
	 * @param maxNames how many names to show at most
	 * @param query the query that selected the page
	 * @param page the page of items
	 * @return its description
	 * @since 0.1.0
	 */
	public static QueueDescriptor of(QueueStatistics statistics, List<WorkNameSummary> summaries, int maxNames,
			WorkQuery query, WorkPage page) {
		return of(statistics, summaries, maxNames, query, page, new PausedWork(false, Set.of()));
	}

	/**
	 * Describe a queue and what is paused in it.
	 * @param statistics its statistics
	 * @param summaries its items per name
	 * @param maxNames how many names to show at most
	 * @param query the query that selected the page
	 * @param page the page of items
	 * @param paused what is paused
	 * @return its description
	 * @since 0.1.0
	 */
	public static QueueDescriptor of(QueueStatistics statistics, List<WorkNameSummary> summaries, int maxNames,
			WorkQuery query, WorkPage page, PausedWork paused) {
		List<WorkNameSummary> shown = summaries.stream().sorted(MOST_ITEMS_FIRST).limit(maxNames).toList();
		return new QueueDescriptor(statistics.state(), statistics.concurrency(), statistics.capacity(),
				statistics.queued(), statistics.scheduled(), statistics.running(), statistics.totals(),
				new NamesDescriptor(shown, summaries.size() - shown.size()), new ItemsDescriptor(query.offset(),
						query.limit(), page.total(), page.items().stream().map(WorkItemDescriptor::of).toList()),
				PausedDescriptor.of(paused));
	}

	/**
	 * The per-name breakdown of a queue.
	 *
	 * @param shown the names with the most items queued, scheduled and running, then
	 * recently failed
	 * @param omitted how many more names there are
	 * @since 0.1.0
	 */
	public record NamesDescriptor(List<WorkNameSummary> shown, int omitted) {

	}

	/**
	 * One page of a queue's items.
	 *
	 * @param offset how many matching items come before this page
	 * @param limit how many items the page holds at most
	 * @param total how many items match in all
	 * @param list the items of the page
	 * @since 0.1.0
	 */
	public record ItemsDescriptor(int offset, int limit, long total, List<WorkItemDescriptor> list) {

	}

	/**
	 * What an operator has paused in a queue: no new item of it starts (with a durable
	 * store, on any instance) until it is resumed.
	 *
	 * @param queue whether the whole queue is paused
	 * @param names the names of work paused one by one, sorted
	 * @since 0.1.0
	 */
	public record PausedDescriptor(boolean queue, List<String> names) {

		static PausedDescriptor of(PausedWork paused) {
			return new PausedDescriptor(paused.queue(), paused.names().stream().sorted().toList());
		}

	}

}
