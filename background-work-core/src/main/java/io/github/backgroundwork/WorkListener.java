package io.github.backgroundwork;

import java.time.Duration;
import java.util.List;

/**
 * Hears about items as they move through the queue: the seam for metrics and for
 * persisting work that a shutdown abandoned. Methods run on the thread that caused the
 * event and must be quick; an exception they throw is logged and otherwise ignored.
 *
 * @since 0.1.0
 */
public interface WorkListener {

	/**
	 * Called when an item starts running.
	 * @param item the item
	 */
	default void onStarted(WorkInfo item) {
	}

	/**
	 * Called once when an item ends, in a terminal state (not for abandoned items).
	 * @param item the item
	 */
	default void onFinished(WorkInfo item) {
	}

	/**
	 * Called when an item of typed work failed and will run again after a delay; it is
	 * {@link WorkState#SCHEDULED} meanwhile.
	 * @param item the item
	 * @param failure what its attempt threw
	 * @param delay how long until it runs again
	 * @since 0.1.0
	 */
	default void onRetrying(WorkInfo item, Throwable failure, Duration delay) {
	}

	/**
	 * Called when an enqueue is refused.
	 * @param name the name of the refused work
	 * @param ex the exception thrown to the caller
	 */
	default void onRejected(String name, WorkRejectedException ex) {
	}

	/**
	 * Called once at shutdown, after the deadline, with every item held in memory that
	 * the shutdown ended before it finished: those that never started, those that stopped
	 * when the shutdown asked them to, and those still running at the end of the grace.
	 * Items of a durable store are not in it: the store takes them back.
	 * @param items the abandoned items, never empty
	 */
	default void onAbandoned(List<WorkItemSnapshot> items) {
	}

	/**
	 * Called once at shutdown, after the deadline, with the items of a durable store that
	 * the shutdown ended before they finished and that the store takes back, to run again
	 * on this instance or another: nothing of them is lost, so they are not
	 * {@linkplain #onAbandoned abandoned}. Those whose work still runs at the deadline
	 * are in it too (they are taken back once it returns).
	 * @param items the items handed back, never empty
	 * @since 0.1.0
	 */
	default void onHandedBack(List<WorkItemSnapshot> items) {
	}

}
