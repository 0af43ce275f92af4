package io.github.backgroundwork.jdbc;

/**
 * The state of a stored item, as kept in the {@code state} column. Names match the
 * engine's {@code WorkState} constants one for one.
 *
 * @since 0.1.0
 */
public enum StoredState {

	/**
	 * Due and waiting to be claimed.
	 */
	QUEUED,

	/**
	 * Waiting for its {@code not_before} time (a delay or the backoff before a retry);
	 * claimable once that time has passed by the database's clock.
	 */
	SCHEDULED,

	/**
	 * Claimed by an instance, whose lease on it lasts until {@code lease_until}.
	 */
	RUNNING,

	/**
	 * Ended normally.
	 */
	SUCCEEDED,

	/**
	 * Ended with an error, after its last attempt.
	 */
	FAILED,

	/**
	 * Ended by cancellation.
	 */
	CANCELLED;

	/**
	 * Whether an item in this state holds its key: it has not ended.
	 * @return {@code true} for {@link #QUEUED}, {@link #SCHEDULED} and {@link #RUNNING}
	 */
	public boolean isLive() {
		return this == QUEUED || this == SCHEDULED || this == RUNNING;
	}

}
