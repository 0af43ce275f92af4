package io.github.backgroundwork;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A read-only view of one item of background work, as listeners see it.
 *
 * @since 0.1.0
 * @see WorkHandle
 */
public interface WorkInfo {

	/**
	 * Return the item's id.
	 * @return the id, unique within the queue
	 */
	String id();

	/**
	 * Return the item's name: the kind of work, not an instance of it (for example
	 * {@code customer-mail}).
	 * @return the name given at enqueue time
	 */
	String name();

	/**
	 * Return the item's current state.
	 * @return the state
	 */
	WorkState state();

	/**
	 * Return how long the item waited in the queue: from enqueue to start, or to now
	 * while it is still queued, or to its end if it never started.
	 * @return the time spent queued
	 */
	Duration waitTime();

	/**
	 * Return how long the item has run: from start to end, or to now while it runs.
	 * @return the run time, zero if it never started
	 */
	Duration runTime();

	/**
	 * Return how many runs of the item have started: 1 for work that is never retried,
	 * once it started.
	 * @return the number of attempts so far
	 * @since 0.1.0
	 */
	default int attempts() {
		return snapshot().attempts();
	}

	/**
	 * Return what a failed item's work threw.
	 * @return the failure, or {@code null} unless the item is {@link WorkState#FAILED}
	 * @since 0.1.0
	 */
	default @Nullable Throwable failure() {
		return null;
	}

	/**
	 * Return a copy of everything known about the item, taken now.
	 * @return a snapshot
	 */
	WorkItemSnapshot snapshot();

}
