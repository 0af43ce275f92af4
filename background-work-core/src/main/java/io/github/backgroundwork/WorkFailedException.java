package io.github.backgroundwork;

/**
 * Completes the {@link WorkHandle#completion()} of a stored item that failed. Its work
 * ran on whichever instance claimed it, so its exception is not at hand: the message
 * carries the reason stored with the item, such as
 * {@code java.io.IOException: connection reset}.
 *
 * @since 0.1.0
 */
public class WorkFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public WorkFailedException(String message) {
		super(message);
	}

}
