package io.github.backgroundwork.actuate;

import java.util.List;

import io.github.backgroundwork.QueueSnapshot;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkTotals;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code GET /actuator/backgroundwork} returns: the queue's state and counters, the
 * items in flight and the recently finished ones.
 *
 * @param state {@code RUNNING}; or, during shutdown, {@code DRAINING} (refusing new work,
 * letting accepted work finish), then {@code CANCELLING} (past the drain timeout,
 * cancellation requested), then {@code TERMINATED}
 * @param concurrency how many items may run at once
 * @param capacity how many items may wait for a worker
 * @param queued how many items wait now
 * @param running how many items run now
 * @param totals counts since the queue was created: {@code accepted} enqueues, items that
 * {@code succeeded}, {@code failed} or were {@code cancelled}, {@code rejected} enqueues,
 * and items {@code abandoned} at the shutdown deadline
 * @param inFlight the queued and running items, oldest first
 * @param recent the last finished items, most recent first, at most
 * {@code background-work.history.size}
 * @since 0.1.0
 */
public record QueueDescriptor(QueueState state, int concurrency, int capacity, long queued, long running,
		WorkTotals totals, List<WorkItemDescriptor> inFlight,
		List<WorkItemDescriptor> recent) implements OperationResponseBody {

	/**
	 * Describe a snapshot of the queue.
	 * @param snapshot the snapshot
	 * @return its description
	 */
	public static QueueDescriptor of(QueueSnapshot snapshot) {
		QueueStatistics statistics = snapshot.statistics();
		return new QueueDescriptor(statistics.state(), statistics.concurrency(), statistics.capacity(),
				statistics.queued(), statistics.running(), statistics.totals(),
				snapshot.inFlight().stream().map(WorkItemDescriptor::of).toList(),
				snapshot.recent().stream().map(WorkItemDescriptor::of).toList());
	}

}
