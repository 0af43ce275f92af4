package io.github.backgroundwork.durable;

import java.time.Duration;

import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Holds a queue's engine to the pauses its store keeps for every instance: a pause or a
 * resume made here is stored first, then held at once; those made on other instances are
 * read by the claimer before it claims, at least once per poll interval, and at once when
 * PostgreSQL notifies a change. The claim then leaves paused names out
 * ({@link ClaimPlanner}), and the engine starts none of the items of those names it
 * holds.
 */
final class StoredPauses {

	private static final Log logger = LogFactory.getLog(StoredPauses.class);

	private final String queue;

	private final WorkEngine engine;

	private final JdbcWorkStore store;

	private final String owner;

	private final long intervalNanos;

	private final Object lock = new Object();

	/**
	 * Counts the changes made here, so that a read that began before one does not undo
	 * it; guarded by lock.
	 */
	private long changes;

	private volatile boolean stale = true;

	/**
	 * When the pauses were last read; the claimer thread's alone.
	 */
	private long readAt;

	StoredPauses(String queue, WorkEngine engine, JdbcWorkStore store, String owner, Duration pollInterval) {
		this.queue = queue;
		this.engine = engine;
		this.store = store;
		this.owner = owner;
		this.intervalNanos = pollInterval.toNanos();
	}

	/**
	 * Store a pause, then hold it here. Blocks for one short transaction; throws, leaving
	 * nothing paused, if the store cannot be reached.
	 * @param name the name of work, or {@code null} for the whole queue
	 */
	void pause(@Nullable String name) {
		boolean stored = this.store.pause(this.queue, name, this.owner);
		synchronized (this.lock) {
			this.changes++;
			if (name != null) {
				this.engine.pause(name);
			}
			else {
				this.engine.pauseQueue();
			}
		}
		if (stored) {
			logger.info("Background work " + describe(name) + " paused by " + this.owner + ", on every instance");
		}
	}

	/**
	 * Delete a stored pause, then release it here. Blocks for one short transaction;
	 * throws, leaving it paused, if the store cannot be reached.
	 * @param name the name of work, or {@code null} for the whole queue
	 */
	void resume(@Nullable String name) {
		boolean deleted = this.store.resume(this.queue, name);
		synchronized (this.lock) {
			this.changes++;
			if (name != null) {
				this.engine.resume(name);
			}
			else {
				this.engine.resumeQueue();
			}
		}
		if (deleted) {
			logger.info("Background work " + describe(name) + " resumed by " + this.owner + ", on every instance");
		}
	}

	/**
	 * Read the pauses again at the next chance: another instance changed them, or
	 * notifications may have been missed.
	 */
	void changed() {
		this.stale = true;
	}

	/**
	 * Read the pauses if a notification said they changed or the poll interval has passed
	 * since the last read, and hold the engine to them; on the claimer thread, before it
	 * claims. One small query.
	 * @param now the claimer's {@link System#nanoTime()}
	 */
	void refreshIfDue(long now) {
		if (!this.stale && now - this.readAt < this.intervalNanos) {
			return;
		}
		long before;
		synchronized (this.lock) {
			before = this.changes;
		}
		// Cleared before the read: a change notified during it is read next time
		this.stale = false;
		PausedWork stored;
		try {
			stored = this.store.paused(this.queue);
		}
		catch (RuntimeException ex) {
			this.stale = true;
			throw ex;
		}
		this.readAt = now;
		synchronized (this.lock) {
			if (before != this.changes) {
				// Paused or resumed here meanwhile: this read may not have seen it
				this.stale = true;
				return;
			}
			PausedWork held = this.engine.paused();
			if (this.engine.setPaused(stored)) {
				logger.info("Background work queue '" + this.queue + "' now pauses " + describe(stored) + " (was "
						+ describe(held) + "), as stored by another instance");
			}
		}
	}

	private String describe(@Nullable String name) {
		return (name != null) ? "name '" + name + "' of queue '" + this.queue + "'" : "queue '" + this.queue + "'";
	}

	private static String describe(PausedWork paused) {
		if (paused.queue()) {
			return "the whole queue" + (paused.names().isEmpty() ? "" : " and names " + paused.names());
		}
		return paused.names().isEmpty() ? "nothing" : "names " + paused.names();
	}

}
