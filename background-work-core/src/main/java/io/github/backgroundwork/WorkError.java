package io.github.backgroundwork;

import org.jspecify.annotations.Nullable;

/**
 * Why an item failed: the exception's class and message, never its stack trace.
 *
 * @param type the exception's class name
 * @param message the exception's message, if it had one
 * @since 0.1.0
 */
public record WorkError(String type, @Nullable String message) {

	/**
	 * Describe an exception.
	 * @param ex the exception
	 * @return its description
	 */
	public static WorkError of(Throwable ex) {
		return new WorkError(ex.getClass().getName(), ex.getMessage());
	}

}
