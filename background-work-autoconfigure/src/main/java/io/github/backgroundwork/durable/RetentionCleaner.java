package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Deletes finished rows past the retention, every minute, in bounded batches for a
 * bounded time per turn, and at once again while some remain. Each turn runs on a
 * short-lived thread of its own, so that a slow delete (H2 takes seconds per batch of a
 * large table) never holds up claims and renewals.
 */
final class RetentionCleaner {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private static final long INTERVAL = Duration.ofMinutes(1).toNanos();

	private static final long BUDGET = Duration.ofSeconds(5).toNanos();

	private static final int BATCH = 1000;

	private final JdbcWorkStore store;

	private final Duration retention;

	private final String threadName;

	private final AtomicBoolean cleaning = new AtomicBoolean();

	private volatile long next;

	RetentionCleaner(JdbcWorkStore store, Duration retention, String threadName) {
		this.store = store;
		this.retention = retention;
		this.threadName = threadName;
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
	 * Start a turn on its own thread if one is due and none runs. Does not block.
	 * @param now the claimer's {@link System#nanoTime()}
	 */
	void runIfDue(long now) {
		if (now - this.next < 0 || !this.cleaning.compareAndSet(false, true)) {
			return;
		}
		this.next = now + INTERVAL;
		Thread thread = new Thread(this::clean, this.threadName);
		thread.setDaemon(true);
		thread.start();
	}

	private void clean() {
		try {
			long deadline = System.nanoTime() + BUDGET;
			int deleted;
			do {
				deleted = this.store.deleteFinishedBatch(this.retention, BATCH);
			}
			while (deleted == BATCH && System.nanoTime() - deadline < 0);
			if (deleted == BATCH) {
				// More remain: the next turn is due at once
				this.next = System.nanoTime();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Background work could not delete finished rows older than " + this.retention
					+ "; trying again in a minute (" + StoreOutage.describe(ex) + ")");
		}
		finally {
			this.cleaning.set(false);
		}
	}

}
