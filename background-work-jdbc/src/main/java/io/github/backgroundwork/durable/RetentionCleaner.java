package io.github.backgroundwork.durable;

import java.time.Duration;

import io.github.backgroundwork.jdbc.JdbcWorkStore;

/**
 * Deletes finished rows past the retention on the claimer's thread (so that a queue
 * borrows one connection at a time besides its listener): every minute, bounded batches
 * for at most half a second per turn, so that claims and renewals are not held up, and
 * the next turn at once while rows remain, so that the cleaner keeps up with any
 * throughput.
 */
final class RetentionCleaner {

	private static final long INTERVAL = Duration.ofMinutes(1).toNanos();

	private static final long BUDGET = Duration.ofMillis(500).toNanos();

	private static final int BATCH = 1000;

	private final JdbcWorkStore store;

	private final Duration retention;

	// Read and written by the claimer's thread only
	private long next;

	RetentionCleaner(JdbcWorkStore store, Duration retention) {
		this.store = store;
		this.retention = retention;
	}

	/**
	 * Start the timer: a turn is due at once.
	 * @param now the claimer's {@link System#nanoTime()}
	 */
	void start(long now) {
		this.next = now;
	}

	/**
	 * Return when the next turn is due, in {@link System#nanoTime()}.
	 */
	long nextDue() {
		return this.next;
	}

	/**
	 * Delete batches if a turn is due, for a bounded time (one batch may take longer: the
	 * budget is checked between batches).
	 * @param now the claimer's {@link System#nanoTime()}
	 * @throws RuntimeException if a delete failed; the turn stays due
	 */
	void runIfDue(long now) {
		if (now - this.next < 0) {
			return;
		}
		long deadline = now + BUDGET;
		int deleted;
		do {
			deleted = this.store.deleteFinishedBatch(this.retention, BATCH);
		}
		while (deleted == BATCH && System.nanoTime() - deadline < 0);
		// While rows remain, the next turn comes after the claims and renewals due
		this.next = (deleted == BATCH) ? System.nanoTime() : now + INTERVAL;
	}

}
