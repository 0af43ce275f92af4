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
	 * @since 0.2.0
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
	 * Ended after cancellation was requested, or cancelled before it started.
	 */
	CANCELLED,

	/**
	 * Ended by the shutdown deadline: it never started, or it still ran when the deadline
	 * passed. Whatever its work does afterwards changes nothing about it.
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
