package io.github.backgroundwork;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * A request for typed work: the name of a {@link BackgroundWorkHandler} and the payload
 * it is handed, with an optional key, start time and retry limit. <pre class="code">
 * queue.enqueue(WorkRequest.builder("customer-mail", new Mail(campaign, customerId))
 *         .key(campaign + ":" + customerId)
 *         .delay(Duration.ofMinutes(5))
 *         .maxRetries(5)
 *         .build());
 * </pre> A request is immutable. It says when its item may start in one of two ways: a
 * {@linkplain Builder#delay(Duration) delay} counted from enqueue, or an absolute
 * {@linkplain Builder#notBefore(Instant) notBefore}; it keeps the one it was given, and
 * {@link #dueAt(Instant)} turns either into a time. Setting both is refused.
 *
 * @since 0.1.0
 */
public final class WorkRequest {

	private final String name;

	private final Object payload;

	private final @Nullable String key;

	private final @Nullable Duration delay;

	private final @Nullable Instant notBefore;

	private final @Nullable Integer maxRetries;

	private WorkRequest(Builder builder) {
		this.name = builder.name;
		this.payload = builder.payload;
		this.key = builder.key;
		this.delay = builder.delay;
		this.notBefore = builder.notBefore;
		this.maxRetries = builder.maxRetries;
	}

	/**
	 * Create a request to run at once, without a key, retried as its handler or the
	 * properties say.
	 * @param name the handler's name, not blank
	 * @param payload the payload handed to the handler
	 * @return the request
	 * @throws IllegalArgumentException if {@code name} is blank or {@code payload} is
	 * null
	 */
	public static WorkRequest of(String name, Object payload) {
		return builder(name, payload).build();
	}

	/**
	 * Start building a request.
	 * @param name the handler's name, not blank
	 * @param payload the payload handed to the handler
	 * @return a builder
	 * @throws IllegalArgumentException if {@code name} is blank or {@code payload} is
	 * null
	 */
	public static Builder builder(String name, Object payload) {
		return new Builder(name, payload);
	}

	/**
	 * Return the name of the handler that runs this request.
	 * @return the name, not blank
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the payload handed to the handler, as it was given.
	 * @return the payload
	 */
	public Object payload() {
		return this.payload;
	}

	/**
	 * Return the key that makes this request a duplicate of an unfinished item of the
	 * same name and key.
	 * @return the key, or {@code null} if the request has none
	 */
	public @Nullable String key() {
		return this.key;
	}

	/**
	 * Return how long after enqueue the item may start, if the request was given a delay.
	 * @return the delay, or {@code null} if none was given
	 */
	public @Nullable Duration delay() {
		return this.delay;
	}

	/**
	 * Return the time before which the item may not start, if the request was given one.
	 * @return the time, or {@code null} if none was given
	 */
	public @Nullable Instant notBefore() {
		return this.notBefore;
	}

	/**
	 * Return when the item may start, given when it is enqueued: the request's
	 * {@link #notBefore()}, else {@code enqueuedAt} plus its {@link #delay()}, else
	 * {@code enqueuedAt}. The result may lie in the past, in which case the item may
	 * start at once.
	 * @param enqueuedAt the time of enqueue
	 * @return the time the item becomes due
	 */
	public Instant dueAt(Instant enqueuedAt) {
		if (this.notBefore != null) {
			return this.notBefore;
		}
		return (this.delay != null) ? enqueuedAt.plus(this.delay) : enqueuedAt;
	}

	/**
	 * Return how many times a failed run is retried, if the request says so.
	 * @return the number of retries, or {@code null} to use the handler's, else the
	 * configured default
	 */
	public @Nullable Integer maxRetries() {
		return this.maxRetries;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return (other instanceof WorkRequest that) && this.name.equals(that.name) && this.payload.equals(that.payload)
				&& Objects.equals(this.key, that.key) && Objects.equals(this.delay, that.delay)
				&& Objects.equals(this.notBefore, that.notBefore) && Objects.equals(this.maxRetries, that.maxRetries);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.payload, this.key, this.delay, this.notBefore, this.maxRetries);
	}

	/**
	 * Describe the request without its payload's content, which may hold personal data:
	 * only the payload's type is shown.
	 */
	@Override
	public String toString() {
		StringBuilder description = new StringBuilder("WorkRequest[name=").append(this.name);
		if (this.key != null) {
			description.append(", key=").append(this.key);
		}
		if (this.delay != null) {
			description.append(", delay=").append(this.delay);
		}
		if (this.notBefore != null) {
			description.append(", notBefore=").append(this.notBefore);
		}
		if (this.maxRetries != null) {
			description.append(", maxRetries=").append(this.maxRetries);
		}
		return description.append(", payload=")
			.append(ClassUtils.getShortName(this.payload.getClass()))
			.append(']')
			.toString();
	}

	/**
	 * Builds a {@link WorkRequest}; each method checks its argument at once and names it
	 * when it refuses it.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String name;

		private final Object payload;

		private @Nullable String key;

		private @Nullable Duration delay;

		private @Nullable Instant notBefore;

		private @Nullable Integer maxRetries;

		private Builder(String name, Object payload) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("name must not be blank, was " + quoted(name));
			}
			if (payload == null) {
				throw new IllegalArgumentException("payload must not be null");
			}
			this.name = name;
			this.payload = payload;
		}

		/**
		 * Set the key: while an item of the same name and key is queued, scheduled or
		 * running, enqueueing this request adds nothing and returns that item's handle.
		 * @param key the key, not blank
		 * @return this builder
		 * @throws IllegalArgumentException if {@code key} is blank
		 */
		public Builder key(String key) {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException("key must not be blank, was " + quoted(key));
			}
			this.key = key;
			return this;
		}

		/**
		 * Set how long after enqueue the item may start. Another way to say what
		 * {@link #notBefore(Instant)} says: a request has one or the other.
		 * @param delay the delay, zero or more
		 * @return this builder
		 * @throws IllegalArgumentException if {@code delay} is null or negative
		 * @throws IllegalStateException if {@link #notBefore(Instant)} was set
		 */
		public Builder delay(Duration delay) {
			if (delay == null || delay.isNegative()) {
				throw new IllegalArgumentException("delay must not be negative, was " + delay);
			}
			if (this.notBefore != null) {
				throw new IllegalStateException("delay cannot be set to " + delay + " when notBefore is already set to "
						+ this.notBefore + ": a request has one or the other");
			}
			this.delay = delay;
			return this;
		}

		/**
		 * Set the time before which the item may not start; a time in the past lets it
		 * start at once. Another way to say what {@link #delay(Duration)} says: a request
		 * has one or the other.
		 * @param notBefore the time
		 * @return this builder
		 * @throws IllegalArgumentException if {@code notBefore} is null
		 * @throws IllegalStateException if {@link #delay(Duration)} was set
		 */
		public Builder notBefore(Instant notBefore) {
			if (notBefore == null) {
				throw new IllegalArgumentException("notBefore must not be null");
			}
			if (this.delay != null) {
				throw new IllegalStateException("notBefore cannot be set to " + notBefore
						+ " when delay is already set to " + this.delay + ": a request has one or the other");
			}
			this.notBefore = notBefore;
			return this;
		}

		/**
		 * Set how many times a failed run is retried, overriding the handler's and the
		 * configured default.
		 * @param maxRetries the number of retries, zero for none
		 * @return this builder
		 * @throws IllegalArgumentException if {@code maxRetries} is negative
		 */
		public Builder maxRetries(int maxRetries) {
			if (maxRetries < 0) {
				throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
			}
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public WorkRequest build() {
			return new WorkRequest(this);
		}

		private static String quoted(@Nullable String value) {
			return (value != null) ? "'" + value + "'" : "null";
		}

	}

}
