package io.github.backgroundwork;

/**
 * Wraps the execution of each item, for example to carry context from the enqueuing
 * thread to the worker. Called on the enqueuing thread; the returned runnable runs on the
 * worker.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkDecorator {

	/**
	 * Decorate one item's execution.
	 * @param item the item being enqueued
	 * @param execution what runs the work
	 * @return the runnable to run instead, which must call {@code execution}
	 */
	Runnable decorate(WorkInfo item, Runnable execution);

}
