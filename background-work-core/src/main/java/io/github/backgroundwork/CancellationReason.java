package io.github.backgroundwork;

/**
 * Why cancellation of a running item was requested, as its
 * {@link WorkContext#cancellationReason()} tells: the work may stop the same way in both
 * cases, but what becomes of the item differs.
 *
 * @since 0.1.0
 */
public enum CancellationReason {

	/**
	 * The queue is stopping and its drain timeout has passed. However the work then ends
	 * (it returns, or throws anything), the item ends {@link WorkState#ABANDONED}, not
	 * cancelled and not failed, and is never retried here: an item of a durable store is
	 * handed back to it (queued again, its attempt not consumed) and runs again, on
	 * another instance or at the next start; an item held in memory is reported by id and
	 * name as abandoned ("stopped early at shutdown"), to
	 * {@link WorkListener#onAbandoned} and in the shutdown's log. Stop soon, and leave
	 * the work in a state from which it can run again.
	 */
	SHUTDOWN,

	/**
	 * The item itself was cancelled: {@link WorkHandle#cancel()}, the actuator endpoint,
	 * or, for an item of a durable store, a cancellation requested on another instance.
	 * When the work then returns or throws a
	 * {@link java.util.concurrent.CancellationException} or an
	 * {@link InterruptedException}, the item ends {@link WorkState#CANCELLED} and does
	 * not run again. A cancellation wins over a shutdown: an item cancelled before it
	 * ended, even once the shutdown asked it to stop, ends cancelled.
	 */
	CANCELLED

}
