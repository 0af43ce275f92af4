package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.ClaimedWork;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The claimer of one queue, on a thread of its own: claims at most the engine's free
 * places whenever it is woken (a local commit, a notification, an item's end) or the poll
 * interval passes, hands the rows to the engine, writes each item's outcome back
 * ({@link ClaimedItems}, {@link OutcomeWriter}), renews the leases of what runs
 * ({@link LeaseKeeper}), and runs the rescuer and the cleaner on their own schedules.
 */
final class DurableWorkSource {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private final WorkEngine engine;

	private final JdbcWorkStore store;

	private final PayloadCodec codec;

	private final String owner;

	private final Duration pollInterval;

	private final LeaseKeeper leases;

	private final @Nullable DurableWorkTracing tracing;

	private final ClaimedItems claimed;

	private final StoredCompletions completions;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	/**
	 * Held while claimed rows are handed to the engine, so that a stop sees them all.
	 */
	private final ReentrantLock claimLock = new ReentrantLock();

	// Guarded by lock
	private boolean woken;

	private boolean stopRequested;

	// Set under claimLock; cleared at once by stopClaiming, which then takes claimLock
	private volatile boolean claiming;

	private @Nullable Thread thread;

	DurableWorkSource(WorkEngine engine, JdbcWorkStore store, PayloadCodec codec, String owner, Duration pollInterval,
			Duration retention, @Nullable DurableWorkTracing tracing) {
		this.engine = engine;
		this.store = store;
		this.codec = codec;
		this.owner = owner;
		this.pollInterval = pollInterval;
		this.completions = new StoredCompletions(store.reader(), pollInterval, this::wake);
		this.claimed = new ClaimedItems(new OutcomeWriter(store, owner, engine), owner, this.completions);
		this.leases = new LeaseKeeper(store, owner, retention);
		this.tracing = tracing;
	}

	String owner() {
		return this.owner;
	}

	/**
	 * Return the completion stages of stored items, which this claimer settles.
	 */
	StoredCompletions completions() {
		return this.completions;
	}

	/**
	 * Return the engine's item of a row this queue claimed and has not finished.
	 */
	@Nullable WorkHandle claimedHandle(String id) {
		return this.claimed.handle(id);
	}

	void start() {
		this.lock.lock();
		try {
			this.stopRequested = false;
			this.woken = true;
			this.completions.start();
		}
		finally {
			this.lock.unlock();
		}
		this.claimLock.lock();
		try {
			this.claiming = true;
		}
		finally {
			this.claimLock.unlock();
		}
		Thread thread = new Thread(this::run, this.engine.settings().threadNamePrefix() + "claimer");
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	/**
	 * Claim at the next chance; does not block.
	 */
	void wake() {
		this.lock.lock();
		try {
			this.woken = true;
			this.wakeUp.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop claiming, and take back from the engine what was claimed but has not started;
	 * their rows are released at once, their attempt not consumed.
	 */
	void stopClaiming() {
		// Seen by a claim loop at once; the lock then waits for the rows it is handing
		// over
		this.claiming = false;
		this.claimLock.lock();
		this.claimLock.unlock();
		List<String> withdrawn = this.claimed.withdrawUnstarted(this.engine);
		if (!withdrawn.isEmpty()) {
			logger.info("Background work queue is stopping: handing back " + withdrawn.size()
					+ " claimed item(s) that had not started: " + String.join(", ", withdrawn));
		}
		wake();
	}

	/**
	 * Write what is left and stop the thread. Blocks until it has stopped.
	 */
	void stop() {
		this.lock.lock();
		try {
			this.stopRequested = true;
			this.wakeUp.signal();
		}
		finally {
			this.lock.unlock();
		}
		Thread thread = this.thread;
		if (thread != null) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.completions.stop();
	}

	private void run() {
		this.leases.start(System.nanoTime());
		while (true) {
			boolean stop = awaitWork(this.leases.nextDue());
			List<String> succeeded = this.claimed.writeEnded();
			if (stop) {
				finish(succeeded);
				return;
			}
			try {
				claim(succeeded);
				long now = System.nanoTime();
				this.completions.settleIfDue(now);
				this.leases.runDue(now, this.claimed.byId());
			}
			catch (RuntimeException ex) {
				// The database may be away for a while: the next poll tries again
				logger.warn("Background work claimer of " + this.owner + " failed, trying again in "
						+ this.pollInterval.toMillis() + " ms", ex);
			}
		}
	}

	/**
	 * Record the last successes and settle the stages that wait for them, once: a
	 * stopping claimer does not try again.
	 */
	private void finish(List<String> succeeded) {
		try {
			this.store.complete(this.owner, succeeded);
			this.completions.settle();
		}
		catch (RuntimeException ex) {
			logger.warn("Background work claimer of " + this.owner + " could not record its last " + succeeded.size()
					+ " success(es) as it stopped (those not recorded run again after their lease)", ex);
		}
	}

	/**
	 * Wait until woken, an item ends, the poll interval passes or a timer is due.
	 * @return whether the thread should stop
	 */
	private boolean awaitWork(long timerDue) {
		this.lock.lock();
		try {
			long wait = Math.min(this.pollInterval.toNanos(), timerDue - System.nanoTime());
			while (!this.woken && !this.stopRequested && !this.claimed.hasEnded() && wait > 0) {
				wait = this.wakeUp.awaitNanos(wait);
			}
			this.woken = false;
			return this.stopRequested;
		}
		catch (InterruptedException ex) {
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Claim at most the free places, recording in the same round trip the successes since
	 * the last one, for as long as every place asked for came or successes wait to be
	 * recorded: completions ride on claims, a few at a time, and never hold the claimer
	 * up with one large write.
	 */
	private void claim(List<String> succeeded) {
		// Read at each claim: handler beans may be registered after the queue was built
		Set<String> names = this.engine.settings().handlers().names();
		this.claimLock.lock();
		try {
			List<String> toRecord = succeeded;
			while (true) {
				int free = this.claiming ? this.engine.freePlaces() : 0;
				List<ClaimedWork> rows;
				try {
					rows = this.store.completeAndClaim(this.owner, toRecord, free, names);
				}
				catch (RuntimeException ex) {
					throw new IllegalStateException("Could not claim, nor perhaps record " + toRecord.size()
							+ " success(es) (those not recorded run again after their lease)", ex);
				}
				rows.forEach(this::submit);
				toRecord = this.claimed.writeEnded();
				boolean placesLeft = free > 0 && rows.size() == free && this.claiming;
				if (!placesLeft && toRecord.isEmpty()) {
					return;
				}
			}
		}
		finally {
			this.claimLock.unlock();
		}
	}

	private void submit(ClaimedWork row) {
		WorkHandle handle;
		try {
			WorkRequest.Builder request = WorkRequest.builder(row.name(), this.codec.read(row));
			if (row.key() != null) {
				request.key(row.key());
			}
			Supplier<@Nullable WorkHandle> toEngine = () -> this.engine.submitClaimed(row.id(), request.build(),
					row.attempts(), row.maxRetries());
			handle = StoredMdc.receive(row,
					() -> (this.tracing != null) ? this.tracing.receive(row, toEngine) : toEngine.get());
		}
		catch (RuntimeException ex) {
			// Its class changed, or no handler has its name here: running it again cannot
			// help
			logger.error("Background work '" + row.name() + "' (" + row.id() + ") failed before it started, "
					+ "without retries: " + ex.getMessage());
			this.store.fail(this.owner, row.id(), ex.getMessage());
			return;
		}
		if (handle == null) {
			this.store.release(this.owner, List.of(row.id()));
			return;
		}
		this.claimed.add(row, handle, this::wake);
	}

}
