package io.github.backgroundwork;

/**
 * Wraps the execution of each item, for example to carry context from the enqueuing
 * thread to the worker. Called on the enqueuing thread; the returned runnable runs on the
 * worker.
 * <p>
 * A decorator that has nothing to do for an item returns the execution it was given
 * unchanged. An item that no decorator wraps runs as if the queue had no decorators;
 * {@link #afterUndecorated(WorkInfo)} then lets a decorator clean up the thread after the
 * work, as {@code ContextPropagatingWorkDecorator} clears what the work left in the MDC.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkDecorator {

	/**
	 * Decorate one item's execution.
	 * @param item the item being enqueued
	 * @param execution what runs the work
	 * @return the runnable to run instead, which must call {@code execution}; or
	 * {@code execution} itself to leave this item undecorated
	 */
	Runnable decorate(WorkInfo item, Runnable execution);

	/**
	 * Called on the thread that ran an item this decorator left undecorated
	 * ({@link #decorate} returned the execution unchanged), right after the work, and the
	 * runnables of the decorators that wrapped it, returned there; innermost decorator
	 * first. It runs after each attempt, whether the work succeeded or threw; for
	 * asynchronous work, once it has started and returned its stage. Not called for items
	 * this decorator wrapped: its runnable does what they need. An exception thrown here
	 * fails the attempt, as an exception thrown by a decorator's runnable does. The
	 * default does nothing.
	 * @param item the item that ran
	 */
	default void afterUndecorated(WorkInfo item) {
	}

}
