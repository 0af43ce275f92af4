package io.github.backgroundwork;

/**
 * The state of one item of background work.
 *
 * @since 0.1.0
 */
public enum WorkState {

	/**
	 * Accepted and waiting for a worker.
	 */
	QUEUED,

	/**
	 * Accepted and waiting for its time: a delay, a {@code notBefore}, or the backoff
	 * before a retry. It holds no thread.
	 * @since 0.1.0
	 */
	SCHEDULED,

	/**
	 * Running on a worker (or, for asynchronous work, waiting for its stage).
	 */
	RUNNING,

	/**
	 * Ended normally.
	 */
	SUCCEEDED,

	/**
	 * Ended with an exception.
	 */
	FAILED,

	/**
	 * Cancelled ({@link WorkHandle#cancel()}, the actuator endpoint): before it started,
	 * or while it ran, ending when its work returned or threw a
	 * {@link java.util.concurrent.CancellationException} or an
	 * {@link InterruptedException}. It does not run again. A shutdown never makes an item
	 * cancelled: see {@link #ABANDONED}.
	 */
	CANCELLED,

	/**
	 * Ended by a shutdown before it finished: it never started before the drain deadline,
	 * or it stopped when the shutdown asked it to ({@link CancellationReason#SHUTDOWN}),
	 * whatever its work then returned or threw, or it still ran when the cancellation
	 * grace passed. Whatever its work does afterwards changes nothing about it. An item
	 * of a durable store that ends so is handed back to the store (queued again, its
	 * attempt not consumed) to run again; an item held in memory is reported by id and
	 * name to {@link WorkListener#onAbandoned}.
	 */
	ABANDONED;

	/**
	 * Whether the item has ended.
	 * @return {@code true} for {@link #SUCCEEDED}, {@link #FAILED}, {@link #CANCELLED}
	 * and {@link #ABANDONED}
	 */
	public boolean isTerminal() {
		return this != QUEUED && this != SCHEDULED && this != RUNNING;
	}

}
