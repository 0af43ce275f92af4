package io.github.backgroundwork.jdbc;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An item claimed by an instance: what it needs to run it.
 *
 * @param id the item's id
 * @param name the work's name
 * @param key the item's key, or {@code null}
 * @param payload the payload as JSON text
 * @param payloadType the payload's class name
 * @param attempts runs started so far, this one included
 * @param maxRetries how many times the item may run again after its first attempt
 * @param traceContext the enqueuing trace context, or {@code null}
 * @param enqueuedAt when it was inserted, by the database's clock
 * @param notBefore when it became due, by the database's clock
 * @param context the diagnostic context (MDC entries) captured at enqueue as a JSON
 * object, or {@code null}, as it was stored
 * @since 0.1.0
 */
public record ClaimedWork(String id, String name, @Nullable String key, String payload, String payloadType,
		int attempts, int maxRetries, @Nullable String traceContext, Instant enqueuedAt, Instant notBefore,
		@Nullable String context) {

	/**
	 * Create a claimed item without diagnostic context, as before items had one.
	 * @param id the item's id
	 * @param name the work's name
	 * @param key the item's key, or {@code null}
	 * @param payload the payload as JSON text
	 * @param payloadType the payload's class name
	 * @param attempts runs started so far, this one included
	 * @param maxRetries how many times the item may run again after its first attempt
	 * @param traceContext the enqueuing trace context, or {@code null}
	 * @param enqueuedAt when it was inserted
	 * @param notBefore when it became due
	 */
	public ClaimedWork(String id, String name, @Nullable String key, String payload, String payloadType, int attempts,
			int maxRetries, @Nullable String traceContext, Instant enqueuedAt, Instant notBefore) {
		this(id, name, key, payload, payloadType, attempts, maxRetries, traceContext, enqueuedAt, notBefore, null);
	}

	/**
	 * Whether this is the item's last attempt: a failure ends it.
	 * @return whether no retry is left after this attempt
	 */
	public boolean isLastAttempt() {
		return this.attempts > this.maxRetries;
	}

}
