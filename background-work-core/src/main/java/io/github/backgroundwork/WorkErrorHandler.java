package io.github.backgroundwork;

/**
 * Takes over what happens when work fails. The default logs the failure at ERROR with the
 * item's name and id.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkErrorHandler {

	/**
	 * Handle a failure. The item ends {@link WorkState#FAILED} whatever this does; an
	 * exception thrown here is logged and otherwise ignored.
	 * @param item the failed item
	 * @param error what the work threw
	 */
	void handleError(WorkInfo item, Throwable error);

}
