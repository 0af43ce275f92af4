package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One item to insert: its payload already written as JSON.
 *
 * @param id the item's id, chosen by the caller (a short URL-safe string, at most 64
 * characters)
 * @param name the work's name (at most 200 characters)
 * @param key the item's key, or {@code null}: while an item of the same name and key is
 * live, no other is inserted (at most 1,000 characters)
 * @param payload the payload as JSON text
 * @param payloadType the payload's class name
 * @param maxRetries how many times the item may run again after its first attempt
 * @param notBefore the earliest time it may start, or {@code null} to use {@code delay}
 * @param delay how long after the insert, by the database's clock, it may start; ignored
 * when {@code notBefore} is given
 * @param traceContext the enqueuing trace context, or {@code null}
 * @param context the enqueuing thread's logging context (MDC entries) as a JSON object,
 * or {@code null}
 * @since 0.2.0
 */
public record NewWork(String id, String name, @Nullable String key, String payload, String payloadType, int maxRetries,
		@Nullable Instant notBefore, Duration delay, @Nullable String traceContext, @Nullable String context) {

	/**
	 * Create an item, checking every argument.
	 * @throws IllegalArgumentException naming the argument that is missing, blank, too
	 * long or negative
	 */
	public NewWork {
		checkText("id", id, 64);
		checkText("name", name, 200);
		if (key != null) {
			checkText("key", key, 1000);
		}
		Assert.notNull(payload, "payload must not be null");
		checkText("payloadType", payloadType, 500);
		Assert.isTrue(maxRetries >= 0, () -> "maxRetries must not be negative, was " + maxRetries);
		Assert.notNull(delay, "delay must not be null");
		Assert.isTrue(!delay.isNegative(), () -> "delay must not be negative, was " + delay);
	}

	/**
	 * Create an item that is due at once.
	 * @param id the item's id
	 * @param name the work's name
	 * @param key the item's key, or {@code null}
	 * @param payload the payload as JSON text
	 * @param payloadType the payload's class name
	 * @param maxRetries how many times the item may run again after its first attempt
	 * @return the item
	 */
	public static NewWork of(String id, String name, @Nullable String key, String payload, String payloadType,
			int maxRetries) {
		return new NewWork(id, name, key, payload, payloadType, maxRetries, null, Duration.ZERO, null, null);
	}

	/**
	 * Return a copy of this item that may start {@code delay} after the insert.
	 * @param delay the delay, by the database's clock
	 * @return the copy
	 */
	public NewWork withDelay(Duration delay) {
		return new NewWork(this.id, this.name, this.key, this.payload, this.payloadType, this.maxRetries, null, delay,
				this.traceContext, this.context);
	}

	/**
	 * Return a copy of this item that carries a trace context.
	 * @param traceContext the enqueuing trace context
	 * @return the copy
	 */
	public NewWork withTraceContext(@Nullable String traceContext) {
		return new NewWork(this.id, this.name, this.key, this.payload, this.payloadType, this.maxRetries,
				this.notBefore, this.delay, traceContext, this.context);
	}

	/**
	 * Return a copy of this item that carries a logging context.
	 * @param context the enqueuing thread's MDC entries as a JSON object
	 * @return the copy
	 */
	public NewWork withContext(@Nullable String context) {
		return new NewWork(this.id, this.name, this.key, this.payload, this.payloadType, this.maxRetries,
				this.notBefore, this.delay, this.traceContext, context);
	}

	private static void checkText(String argument, @Nullable String value, int maxLength) {
		Assert.notNull(value, () -> argument + " must not be null");
		Assert.isTrue(!value.isBlank(), () -> argument + " must not be blank");
		Assert.isTrue(value.length() <= maxLength,
				() -> argument + " must be at most " + maxLength + " characters, was " + value.length());
	}

}
