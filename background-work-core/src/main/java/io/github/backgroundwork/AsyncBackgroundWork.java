package io.github.backgroundwork;

import java.util.concurrent.CompletionStage;

/**
 * Work that starts something asynchronous and returns a stage: the item stays
 * {@link WorkState#RUNNING} until that stage completes, and the shutdown drain waits for
 * it. The queue's worker thread is released as soon as this method returns.
 *
 * @since 0.1.0
 * @see BackgroundWork
 */
@FunctionalInterface
public interface AsyncBackgroundWork {

	/**
	 * Start the work.
	 * @param context the item's context: its cancellation token and progress reporter
	 * @return a stage that completes when the work ends; completing exceptionally fails
	 * the item (or cancels it, as for {@link BackgroundWork#run(WorkContext)}); a
	 * {@code null} stage fails the item
	 * @throws Exception any failure to start
	 */
	CompletionStage<?> start(WorkContext context) throws Exception;

}
