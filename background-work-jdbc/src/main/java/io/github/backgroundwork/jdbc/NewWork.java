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
 * @param queue the bean name of the queue whose instances claim it (at most 200
 * characters): {@value JdbcWorkStore#DEFAULT_QUEUE} for the auto-configured queue
 * @param context the diagnostic context (MDC entries) captured at enqueue as a JSON
 * object, or {@code null}; the store keeps it as it is and hands it back with the claimed
 * item
 * @since 0.1.0
 */
public record NewWork(String id, String name, @Nullable String key, String payload, String payloadType, int maxRetries,
		@Nullable Instant notBefore, Duration delay, @Nullable String traceContext, String queue,
		@Nullable String context) {

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
		checkText("queue", queue, 200);
	}

	/**
	 * Create an item of the auto-configured queue without diagnostic context, as before
	 * items had those.
	 * @param id the item's id
	 * @param name the work's name
	 * @param key the item's key, or {@code null}
	 * @param payload the payload as JSON text
	 * @param payloadType the payload's class name
	 * @param maxRetries how many times the item may run again after its first attempt
	 * @param notBefore the earliest time it may start, or {@code null} to use
	 * {@code delay}
	 * @param delay how long after the insert it may start
	 * @param traceContext the enqueuing trace context, or {@code null}
	 */
	public NewWork(String id, String name, @Nullable String key, String payload, String payloadType, int maxRetries,
			@Nullable Instant notBefore, Duration delay, @Nullable String traceContext) {
		this(id, name, key, payload, payloadType, maxRetries, notBefore, delay, traceContext,
				JdbcWorkStore.DEFAULT_QUEUE, null);
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
		return new NewWork(id, name, key, payload, payloadType, maxRetries, null, Duration.ZERO, null);
	}

	/**
	 * Return a copy of this item that may start {@code delay} after the insert.
	 * @param delay the delay, by the database's clock
	 * @return the copy
	 */
	public NewWork withDelay(Duration delay) {
		return new NewWork(this.id, this.name, this.key, this.payload, this.payloadType, this.maxRetries, null, delay,
				this.traceContext, this.queue, this.context);
	}

	/**
	 * Return a copy of this item that carries a trace context.
	 * @param traceContext the enqueuing trace context
	 * @return the copy
	 */
	public NewWork withTraceContext(@Nullable String traceContext) {
		return new NewWork(this.id, this.name, this.key, this.payload, this.payloadType, this.maxRetries,
				this.notBefore, this.delay, traceContext, this.queue, this.context);
	}

	/**
	 * Return a copy of this item stored for another queue.
	 * @param queue the bean name of the queue whose instances claim it
	 * @return the copy
	 */
	public NewWork withQueue(String queue) {
		return new NewWork(this.id, this.name, this.key, this.payload, this.payloadType, this.maxRetries,
				this.notBefore, this.delay, this.traceContext, queue, this.context);
	}

	/**
	 * Return a copy of this item that carries a diagnostic context.
	 * @param context the MDC entries captured at enqueue as a JSON object, or
	 * {@code null}
	 * @return the copy
	 */
	public NewWork withContext(@Nullable String context) {
		return new NewWork(this.id, this.name, this.key, this.payload, this.payloadType, this.maxRetries,
				this.notBefore, this.delay, this.traceContext, this.queue, context);
	}

	private static void checkText(String argument, @Nullable String value, int maxLength) {
		Assert.notNull(value, () -> argument + " must not be null");
		Assert.isTrue(!value.isBlank(), () -> argument + " must not be blank");
		Assert.isTrue(value.length() <= maxLength,
				() -> argument + " must be at most " + maxLength + " characters, was " + value.length());
	}

}
