package io.github.backgroundwork;

import java.util.concurrent.CompletionStage;

/**
 * A handle on an accepted item of background work, returned by
 * {@link BackgroundWorkQueue#enqueue(String, BackgroundWork)}. Safe to use from any
 * thread.
 *
 * @since 0.1.0
 */
public interface WorkHandle extends WorkInfo {

	/**
	 * Request cancellation. An item that has not started yet never runs and ends
	 * {@link WorkState#CANCELLED} at once; a running item is told through its
	 * {@link WorkContext} and ends when its work returns. Does not block.
	 * @return {@code true} if the item had not ended and cancellation was requested,
	 * {@code false} if it had already ended
	 */
	boolean cancel();

	/**
	 * Return a stage that completes when the item ends: normally when it succeeded,
	 * exceptionally with the work's exception when it failed, with a
	 * {@link java.util.concurrent.CancellationException} when it was cancelled, and with
	 * a {@link WorkAbandonedException} when a shutdown ended it before it finished (it
	 * never started, it stopped when the shutdown asked it to, or it still ran at the
	 * deadline).
	 * <p>
	 * An item kept in a durable store ends on whichever instance runs it: its stage
	 * completes once its row shows the end (at once when it ran here, within the store's
	 * poll interval otherwise), with a {@link WorkFailedException} carrying the stored
	 * reason when it failed. It fails with an {@link IllegalStateException} if the
	 * transaction that enqueued the item rolled back, if the row was deleted, or if this
	 * queue stopped first: the item then stays stored, and runs on another instance or
	 * after a restart.
	 * @return the completion stage
	 */
	CompletionStage<Void> completion();

	/**
	 * Whether the enqueue that returned this handle added nothing, because an item of the
	 * same name and key was queued, scheduled or running: this handle is that item's.
	 * @return whether the enqueue was a duplicate
	 * @since 0.1.0
	 */
	default boolean isDuplicate() {
		return false;
	}

}
