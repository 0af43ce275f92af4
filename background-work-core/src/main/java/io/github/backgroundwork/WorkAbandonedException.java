package io.github.backgroundwork;

import java.util.concurrent.CancellationException;

/**
 * Completes an item's {@link WorkHandle#completion()} when the shutdown deadline passed
 * before the item ended.
 *
 * @since 0.1.0
 */
public class WorkAbandonedException extends CancellationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public WorkAbandonedException(String message) {
		super(message);
	}

}
