package io.github.backgroundwork;

/**
 * Work handed to a {@link BackgroundWorkQueue}: it runs on the queue's own threads and
 * ends when this method returns or throws.
 * <p>
 * Long-running work should check {@link WorkContext#isCancellationRequested()} between
 * steps: the queue requests cancellation when the application is shutting down and the
 * drain deadline has passed, or when an operator cancels the item;
 * {@link WorkContext#cancellationReason()} tells which.
 *
 * @since 0.1.0
 * @see AsyncBackgroundWork
 */
@FunctionalInterface
public interface BackgroundWork {

	/**
	 * Do the work.
	 * @param context the item's context: its cancellation token and progress reporter
	 * @throws Exception any failure; the item ends {@link WorkState#FAILED} unless it had
	 * been cancelled and the failure is a
	 * {@link java.util.concurrent.CancellationException} or an
	 * {@link InterruptedException}, in which case it ends {@link WorkState#CANCELLED}, or
	 * unless the shutdown had asked it to stop, in which case it ends
	 * {@link WorkState#ABANDONED} whatever it throws (or returns)
	 */
	void run(WorkContext context) throws Exception;

}
