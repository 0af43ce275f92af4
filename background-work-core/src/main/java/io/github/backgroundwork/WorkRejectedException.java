package io.github.backgroundwork;

import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown by {@code enqueue} when the queue refuses an item. Nothing is queued.
 *
 * @since 0.1.0
 */
public class WorkRejectedException extends RejectedExecutionException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	/**
	 * Create an exception.
	 * @param reason why the item was refused
	 * @param message the message, which says why
	 */
	public WorkRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Return why the item was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why an item was refused.
	 */
	public enum Reason {

		/**
		 * The queue was at capacity (after the block timeout, with
		 * {@link WhenFull#BLOCK}). Worth retrying later.
		 */
		CAPACITY,

		/**
		 * The queue is shutting down or has stopped. Not worth retrying here.
		 */
		SHUTTING_DOWN,

		/**
		 * The enqueuing thread was interrupted while it waited for room, with
		 * {@link WhenFull#BLOCK}. The thread's interrupt flag is set again.
		 */
		INTERRUPTED

	}

}
