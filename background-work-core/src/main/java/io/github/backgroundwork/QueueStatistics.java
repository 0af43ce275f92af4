package io.github.backgroundwork;

/**
 * The queue's configuration and counters at one moment; cheap to take.
 *
 * @param state the lifecycle state
 * @param concurrency how many items may run at once
 * @param capacity how many items may wait
 * @param queued items waiting for a worker now
 * @param scheduled items waiting for their time now; they count toward the capacity with
 * the queued ones
 * @param running items running now
 * @param totals counts since the queue was created
 * @since 0.1.0
 */
public record QueueStatistics(QueueState state, int concurrency, int capacity, long queued, long scheduled,
		long running, WorkTotals totals) {

	/**
	 * Create statistics of a queue that holds no scheduled item.
	 * @param state the lifecycle state
	 * @param concurrency how many items may run at once
	 * @param capacity how many items may wait
	 * @param queued items waiting now
	 * @param running items running now
	 * @param totals counts since the queue was created
	 */
	public QueueStatistics(QueueState state, int concurrency, int capacity, long queued, long running,
			WorkTotals totals) {
		this(state, concurrency, capacity, queued, 0, running, totals);
	}

}
