package io.github.backgroundwork.jdbc;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How long ended rows are kept, per outcome: successes briefly, failures long enough that
 * those an operator must act on are still there next week.
 *
 * @param succeeded how long {@link StoredState#SUCCEEDED} rows are kept
 * @param cancelled how long {@link StoredState#CANCELLED} rows are kept
 * @param failed how long {@link StoredState#FAILED} rows are kept
 * @since 0.1.0
 */
public record WorkRetention(Duration succeeded, Duration cancelled, Duration failed) {

	/**
	 * The defaults of {@code background-work.jdbc.retention.*}: 1 day, 7 days and 30
	 * days.
	 */
	public static final WorkRetention DEFAULT = new WorkRetention(Duration.ofDays(1), Duration.ofDays(7),
			Duration.ofDays(30));

	/**
	 * Create a retention.
	 */
	public WorkRetention {
		check(succeeded, "succeeded");
		check(cancelled, "cancelled");
		check(failed, "failed");
	}

	/**
	 * Keep ended rows of every outcome for as long.
	 * @param retention how long, not negative
	 * @return the retention
	 */
	public static WorkRetention of(Duration retention) {
		return new WorkRetention(retention, retention, retention);
	}

	/**
	 * Return how long rows that ended in a state are kept.
	 * @param state an ended state
	 * @return how long
	 * @throws IllegalArgumentException if the state is not an ended one
	 */
	public Duration of(StoredState state) {
		return switch (state) {
			case SUCCEEDED -> this.succeeded;
			case CANCELLED -> this.cancelled;
			case FAILED -> this.failed;
			default -> throw new IllegalArgumentException("Items in state " + state + " have not ended");
		};
	}

	private static void check(Duration retention, String outcome) {
		Assert.isTrue(retention != null && !retention.isNegative(),
				() -> "retention of " + outcome + " items must not be negative, was " + retention);
	}

}
