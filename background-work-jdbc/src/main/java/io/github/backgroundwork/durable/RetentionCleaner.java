package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.List;

import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.StoredState;
import io.github.backgroundwork.jdbc.WorkRetention;

/**
 * Deletes ended rows past the retention of their outcome on the claimer's thread (so that
 * a queue borrows one connection at a time besides its listener): every minute, bounded
 * batches for at most half a second per turn, so that claims and renewals are not held
 * up, and the next turn at once while rows remain, so that the cleaner keeps up with any
 * throughput. Each outcome's batches walk the index on state and end time, so that the
 * failures kept for weeks are never read by the deletes of successes kept for a day.
 */
final class RetentionCleaner {

	private static final long INTERVAL = Duration.ofMinutes(1).toNanos();

	private static final long BUDGET = Duration.ofMillis(500).toNanos();

	private static final int BATCH = 1000;

	private static final List<StoredState> ENDED = List.of(StoredState.SUCCEEDED, StoredState.CANCELLED,
			StoredState.FAILED);

	private final JdbcWorkStore store;

	private final WorkRetention retention;

	private final Runnable alsoEveryTurn;

	// Read and written by the claimer's thread only
	private long next;

	/**
	 * Create a cleaner.
	 * @param alsoEveryTurn what else to clean up once per turn, on the same thread
	 */
	RetentionCleaner(JdbcWorkStore store, WorkRetention retention, Runnable alsoEveryTurn) {
		this.store = store;
		this.retention = retention;
		this.alsoEveryTurn = alsoEveryTurn;
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
		boolean rowsLeft = false;
		for (StoredState state : ENDED) {
			int deleted = BATCH;
			while (deleted == BATCH && System.nanoTime() - deadline < 0) {
				deleted = this.store.deleteFinishedBatch(state, this.retention.of(state), BATCH);
			}
			rowsLeft |= deleted == BATCH;
		}
		this.alsoEveryTurn.run();
		// While rows remain, the next turn comes after the claims and renewals due
		this.next = rowsLeft ? System.nanoTime() : now + INTERVAL;
	}

}
