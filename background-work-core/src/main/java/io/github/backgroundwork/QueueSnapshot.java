package io.github.backgroundwork;

import java.util.List;

/**
 * The queue's state with every in-flight item and the most recently finished ones.
 *
 * @param statistics the configuration and counters
 * @param inFlight queued and running items, oldest first
 * @param recent finished items, most recent first, bounded by the history size
 * @since 0.1.0
 */
public record QueueSnapshot(QueueStatistics statistics, List<WorkItemSnapshot> inFlight,
		List<WorkItemSnapshot> recent) {

}
