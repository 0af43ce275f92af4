package io.github.backgroundwork;

import org.jspecify.annotations.Nullable;

/**
 * Why an item failed: the exception's class and message, and its stack trace with its
 * causes, cut to a bound so that a deep recursion cannot fill the memory or a row.
 *
 * @param type the exception's class name
 * @param message the exception's message, if it had one
 * @param stackTrace the exception's stack trace as {@link Throwable#printStackTrace()}
 * prints it (causes and suppressed exceptions included), cut to a bound with a last line
 * saying how much was cut; {@code null} when it was not kept
 * @since 0.1.0
 */
public record WorkError(String type, @Nullable String message, @Nullable String stackTrace) {

	/**
	 * The bound of {@link #of(Throwable)}: 4096 characters.
	 */
	public static final int DEFAULT_MAX_STACK_TRACE = 4096;

	/**
	 * Create a description without a stack trace, as before stack traces were kept.
	 * @param type the exception's class name
	 * @param message the exception's message, if it had one
	 */
	public WorkError(String type, @Nullable String message) {
		this(type, message, null);
	}

	/**
	 * Describe an exception, with a stack trace of at most
	 * {@link #DEFAULT_MAX_STACK_TRACE} characters.
	 * @param ex the exception
	 * @return its description
	 */
	public static WorkError of(Throwable ex) {
		return of(ex, DEFAULT_MAX_STACK_TRACE);
	}

	/**
	 * Describe an exception, with its stack trace cut to a bound.
	 * @param ex the exception
	 * @param maxStackTrace the most characters of stack trace to keep, the marker of what
	 * was cut included; 0 keeps none
	 * @return its description
	 */
	public static WorkError of(Throwable ex, int maxStackTrace) {
		return new WorkError(ex.getClass().getName(), ex.getMessage(), StackTraceText.of(ex, maxStackTrace));
	}

}
