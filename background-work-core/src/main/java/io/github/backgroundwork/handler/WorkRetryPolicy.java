package io.github.backgroundwork.handler;

import java.time.Duration;

import io.github.backgroundwork.WorkRequest;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How often failed typed work is run again, and how long it waits before each retry: an
 * exponential backoff computed by Spring's {@link ExponentialBackOff}, with its jitter.
 *
 * @since 0.1.0
 */
public final class WorkRetryPolicy {

	/**
	 * Beyond this many retries the delay is assumed to have stopped growing, so that
	 * working out a late retry's delay stays cheap.
	 */
	private static final int MAX_GROWTH_STEPS = 10_000;

	private final int maxRetries;

	private final ExponentialBackOff backOff;

	private final int growthSteps;

	private WorkRetryPolicy(Builder builder) {
		this.maxRetries = builder.maxRetries;
		this.backOff = new ExponentialBackOff(builder.delay.toMillis(), builder.multiplier);
		this.backOff.setMaxInterval(builder.maxDelay.toMillis());
		this.growthSteps = growthSteps(this.backOff);
		this.backOff.setJitter(builder.jitter.toMillis());
	}

	/**
	 * Start building a policy, with the defaults of the {@code background-work.retry.*}
	 * properties: 3 retries, 1s delay, multiplier 2, 5m max delay, 100ms jitter.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return how many times failed work is retried when neither its request nor its
	 * handler says.
	 * @return the default number of retries
	 */
	public int maxRetries() {
		return this.maxRetries;
	}

	/**
	 * Return how many times a request's failed runs are retried: as the request says,
	 * else as its handler says, else {@link #maxRetries()}.
	 * @param request the request
	 * @param handler the request's handler
	 * @return the number of retries, zero or more
	 */
	public int maxRetriesFor(WorkRequest request, WorkHandlerMethod handler) {
		Integer requested = request.maxRetries();
		if (requested != null) {
			return requested;
		}
		Integer handlers = handler.maxRetries();
		return (handlers != null) ? handlers : this.maxRetries;
	}

	/**
	 * Return how long to wait before a retry: the delay, multiplied for each earlier
	 * retry, at most the max delay, give or take the jitter (which grows with the
	 * multiplier) but never below the delay. Each call draws a new random jitter.
	 * @param attempt which retry, {@code 1} for the first
	 * @return the wait before that retry
	 * @throws IllegalArgumentException if {@code attempt} is less than 1
	 */
	public Duration delayBeforeRetry(int attempt) {
		if (attempt < 1) {
			throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
		}
		BackOffExecution execution = this.backOff.start();
		long delay = 0;
		for (int i = Math.min(attempt, this.growthSteps); i > 0; i--) {
			delay = execution.nextBackOff();
		}
		return Duration.ofMillis(delay);
	}

	@Override
	public String toString() {
		return "WorkRetryPolicy[maxRetries=" + this.maxRetries + ", " + this.backOff + "]";
	}

	/**
	 * Count the backoffs until the (jitter-free) interval stops changing: every later
	 * backoff is drawn the same way as that one.
	 */
	private static int growthSteps(ExponentialBackOff backOff) {
		BackOffExecution execution = backOff.start();
		long previous = execution.nextBackOff();
		for (int step = 1; step < MAX_GROWTH_STEPS; step++) {
			long next = execution.nextBackOff();
			if (next == previous) {
				return step;
			}
			previous = next;
		}
		return MAX_GROWTH_STEPS;
	}

	/**
	 * Builds a {@link WorkRetryPolicy}, checking each value as it is set.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int maxRetries = 3;

		private Duration delay = Duration.ofSeconds(1);

		private double multiplier = 2;

		private Duration maxDelay = Duration.ofMinutes(5);

		private Duration jitter = Duration.ofMillis(100);

		private Builder() {
		}

		/**
		 * Set how many times failed work is retried when neither its request nor its
		 * handler says.
		 * @param maxRetries the number of retries, zero or more
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			if (maxRetries < 0) {
				throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
			}
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Set the wait before the first retry.
		 * @param delay the delay, zero or more
		 * @return this builder
		 */
		public Builder delay(Duration delay) {
			if (delay.isNegative()) {
				throw new IllegalArgumentException("delay must not be negative, was " + delay);
			}
			this.delay = delay;
			return this;
		}

		/**
		 * Set what the wait is multiplied by before each further retry.
		 * @param multiplier the multiplier, at least 1
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			if (!(multiplier >= 1)) {
				throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
			}
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Set the longest wait before a retry; below the delay it caps every wait.
		 * @param maxDelay the max delay, more than zero
		 * @return this builder
		 */
		public Builder maxDelay(Duration maxDelay) {
			if (maxDelay.isNegative() || maxDelay.isZero()) {
				throw new IllegalArgumentException("maxDelay must be positive, was " + maxDelay);
			}
			this.maxDelay = maxDelay;
			return this;
		}

		/**
		 * Set the largest random amount added to or taken from the first retry's wait,
		 * multiplied like the wait for later retries.
		 * @param jitter the jitter, zero for none
		 * @return this builder
		 */
		public Builder jitter(Duration jitter) {
			if (jitter.isNegative()) {
				throw new IllegalArgumentException("jitter must not be negative, was " + jitter);
			}
			this.jitter = jitter;
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public WorkRetryPolicy build() {
			return new WorkRetryPolicy(this);
		}

	}

}
