package io.github.backgroundwork.autoconfigure;

import java.time.Duration;

/**
 * Configuration of the retries of failed typed work; work enqueued as a lambda is never
 * retried: the {@code background-work.retry.*} properties.
 *
 * @since 0.1.0
 */
public class BackgroundWorkRetryProperties {

	/**
	 * Maximum number of times failed typed work is run again, unless its handler or
	 * request says otherwise.
	 */
	private int maxRetries = 3;

	/**
	 * Wait before the first retry.
	 */
	private Duration delay = Duration.ofSeconds(1);

	/**
	 * Factor the wait is multiplied by before each further retry.
	 */
	private double multiplier = 2;

	/**
	 * Longest wait before a retry.
	 */
	private Duration maxDelay = Duration.ofMinutes(5);

	/**
	 * Largest random amount added to or taken from the first retry's wait, multiplied
	 * like the wait for later retries, so that items that failed together do not retry
	 * together. No wait falls below 'delay' or above 'max-delay'.
	 */
	private Duration jitter = Duration.ofMillis(100);

	public int getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(int maxRetries) {
		PropertyChecks.atLeast(maxRetries, 0, "retry.max-retries");
		this.maxRetries = maxRetries;
	}

	public Duration getDelay() {
		return this.delay;
	}

	public void setDelay(Duration delay) {
		PropertyChecks.notNegative(delay, "retry.delay");
		this.delay = delay;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		if (!(multiplier >= 1)) {
			throw new IllegalArgumentException(
					"background-work.retry.multiplier must be at least 1, was " + multiplier);
		}
		this.multiplier = multiplier;
	}

	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(Duration maxDelay) {
		if (maxDelay == null || maxDelay.isNegative() || maxDelay.isZero()) {
			throw new IllegalArgumentException("background-work.retry.max-delay must be positive, was " + maxDelay);
		}
		this.maxDelay = maxDelay;
	}

	public Duration getJitter() {
		return this.jitter;
	}

	public void setJitter(Duration jitter) {
		PropertyChecks.notNegative(jitter, "retry.jitter");
		this.jitter = jitter;
	}

}
