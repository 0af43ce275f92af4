package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.ClaimedWork;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.WorkRetention;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The claimer of one queue, on a thread of its own: claims at most the engine's free
 * places (and, while items end faster than a claim's round trip, as many more as freed up
 * during the last one) whenever it is woken (a local commit, a notification, an item's
 * end) or the poll interval passes, hands the rows to the engine ({@link HandOver}),
 * writes each item's outcome back, keeping it until it is written
 * ({@link OutcomeBacklog}), renews the leases of what it holds ({@link LeaseKeeper}), and
 * runs the rescuer and the cleaner on their own schedules. When the store fails, every
 * statement waits out a backoff ({@link StoreOutage}). Once the queue stops, the thread
 * lives on only while it holds rows: outcomes not yet written, or items abandoned whose
 * code still runs.
 */
final class DurableWorkSource {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	/**
	 * The longest {@link #stop()} waits for the last outcomes to be written.
	 */
	private static final long STOP_TIMEOUT = Duration.ofSeconds(10).toNanos();

	private static final int MAX_SUCCESSES_PER_CLAIM = 1000;

	/**
	 * The most rows a claim takes ahead of the free places, in multiples of the
	 * concurrency. Under production settings each claim's commit waits for a flush, and
	 * on a loaded machine for the scheduler too: 20,000 no-op items took 550-600 claims
	 * of at most 5 times the concurrency (4,900 items/s), about 190 of at most 17 times
	 * (6,900 items/s), in runs back to back. Rows are taken this far ahead only while the
	 * work keeps up with the claims (see {@link #claim()}).
	 */
	static final int MAX_CLAIM_AHEAD = 16;

	private final WorkEngine engine;

	private final JdbcWorkStore store;

	private final String owner;

	private final Duration pollInterval;

	private final LeaseKeeper leases;

	private final InstanceHeartbeat heartbeat;

	private final ClaimedItems claimed = new ClaimedItems();

	private final OutcomeBacklog backlog;

	private final HandOver handOver;

	private final ClaimPlanner planner;

	private final StoredCompletions completions;

	private final StoreOutage outage;

	private final StoredPauses pauses;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	private final Condition settled = this.lock.newCondition();

	/**
	 * Held while claimed rows are handed to the engine, so that a stop sees them all.
	 */
	private final ReentrantLock claimLock = new ReentrantLock();

	// Guarded by lock
	private boolean woken;

	private volatile boolean stopRequested;

	// A turn began after the stop was requested, and left no outcome to write
	private boolean settledSinceStop;

	// Changed by every start and stop, which end a wait whatever it waits for
	private int generation;

	private @Nullable Thread thread;

	// The claimer thread's System.nanoTime() when its current turn began
	private long turnBegan;

	// How many rows a claim takes beyond the free places, whether the last claim got
	// every row it asked for, and how many items had ended then (see claim()). Claimer
	// thread only
	private int claimAhead;

	private boolean lastClaimFull;

	private long endsAtLastClaim;

	// Set under claimLock; cleared at once by stopClaiming, which then takes claimLock
	private volatile boolean claiming;

	DurableWorkSource(String queue, WorkEngine engine, JdbcWorkStore store, PayloadCodec codec, String owner,
			Duration pollInterval, WorkRetention retention, @Nullable DurableWorkTracing tracing) {
		this.engine = engine;
		this.store = store;
		this.owner = owner;
		this.pollInterval = pollInterval;
		this.completions = new StoredCompletions(store.reader(), pollInterval, this::wake);
		this.backlog = new OutcomeBacklog(this.claimed, new OutcomeWriter(store, owner), engine, this.completions);
		UnreadableRows unreadable = new UnreadableRows();
		this.handOver = new HandOver(engine, codec, tracing, this.claimed, this.backlog, this::wake, unreadable);
		this.planner = new ClaimPlanner(queue, engine, this.claimed, unreadable);
		this.pauses = new StoredPauses(queue, engine, store, owner, pollInterval);
		this.heartbeat = new InstanceHeartbeat(store.instances(), owner, queue, engine.settings().concurrency(),
				engine.settings().handlers().names());
		// A renewal is tried at least once per third of a lease, whatever the backoff
		Duration maxDelay = store.lease().dividedBy(3);
		this.outage = new StoreOutage(owner,
				(maxDelay.compareTo(Duration.ofSeconds(10)) < 0) ? maxDelay : Duration.ofSeconds(10));
		this.leases = new LeaseKeeper(store, owner, new RetentionCleaner(store, retention, this.heartbeat::deleteGone),
				this.heartbeat, this.outage);
	}

	String owner() {
		return this.owner;
	}

	StoreHealth health() {
		return this.outage.health();
	}

	/**
	 * Return the pauses of this queue, which this claimer reads before it claims.
	 */
	StoredPauses pauses() {
		return this.pauses;
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

	/**
	 * Start claiming, on a new thread or on the one still keeping rows from before a
	 * stop. Does not block.
	 */
	void start() {
		this.completions.start();
		this.claimLock.lock();
		try {
			this.claiming = true;
		}
		finally {
			this.claimLock.unlock();
		}
		this.lock.lock();
		try {
			this.stopRequested = false;
			this.generation++;
			this.woken = true;
			this.wakeUp.signal();
			if (this.thread == null) {
				Thread thread = new Thread(this::run, this.engine.settings().threadNamePrefix() + "claimer");
				thread.setDaemon(true);
				this.thread = thread;
				thread.start();
			}
		}
		finally {
			this.lock.unlock();
		}
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
	 * their rows are released, their attempt not consumed.
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
	 * Write what is left. Blocks until every outcome is written, or for at most 10
	 * seconds while the store fails; the thread then goes on alone for as long as it
	 * holds rows (a daemon: it ends with the JVM).
	 */
	void stop() {
		this.lock.lock();
		try {
			this.stopRequested = true;
			this.generation++;
			this.settledSinceStop = false;
			this.wakeUp.signal();
			long wait = STOP_TIMEOUT;
			while (this.thread != null && !this.settledSinceStop && wait > 0) {
				wait = this.settled.awaitNanos(wait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
		// No longer claiming: listed gone at once rather than after a lease
		this.heartbeat.stopped();
		if (this.backlog.hasPending()) {
			logger.warn("Background work claimer " + this.owner + " stopped before it could write the outcome of "
					+ this.backlog.size() + " item(s) (" + this.outage.health().lastError() + "); it keeps trying, "
					+ "and if this JVM exits first they run again after their lease");
		}
		this.completions.stop();
	}

	private void run() {
		this.leases.start(System.nanoTime());
		long retryAt = System.nanoTime();
		while (awaitTurn(retryAt)) {
			try {
				this.turnBegan = System.nanoTime();
				turn();
				noteStall();
				this.outage.succeeded();
			}
			catch (RuntimeException ex) {
				retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.outage.failed(ex));
			}
		}
	}

	/**
	 * Wait until woken, an item ends, the poll interval passes or a timer is due; after a
	 * failure, until the backoff has passed, whatever wakes the thread but a start or a
	 * stop.
	 * @return whether to take a turn; {@code false} when the thread should end: it was
	 * stopped and holds nothing, or the store has been away for longer than a lease
	 */
	private boolean awaitTurn(long retryAt) {
		this.lock.lock();
		try {
			if (this.stopRequested) {
				this.settledSinceStop |= !this.backlog.hasPending() && !this.claimed.hasEnded();
				this.settled.signalAll();
				if (this.claimed.isEmpty()
						|| (this.outage.unreachableFor(this.store.lease()) && this.backlog.giveUp(this.owner))) {
					this.thread = null;
					return false;
				}
			}
			int generation = this.generation;
			long now = System.nanoTime();
			boolean backingOff = retryAt - now > 0;
			long wait = backingOff ? retryAt - now
					: Math.min(this.pollInterval.toNanos(), this.leases.nextDue(!this.stopRequested) - now);
			while (wait > 0 && (backingOff || (!this.woken && !this.claimed.hasEnded()))
					&& this.generation == generation) {
				wait = this.wakeUp.awaitNanos(wait);
			}
			this.woken = false;
			return true;
		}
		catch (InterruptedException ex) {
			this.thread = null;
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the rescuer may take other instances' expired claims now: not until the
	 * store has answered promptly for a lease, after an outage or a stall of its own, as
	 * the other instances' leases then expired because they could not renew them.
	 */
	private boolean mayRescue() {
		return !noteStall() && this.outage.reachableFor(this.store.lease());
	}

	/**
	 * Count this turn as an outage if its statements have taken half a lease or more.
	 * @return whether they have
	 */
	private boolean noteStall() {
		long took = System.nanoTime() - this.turnBegan;
		if (took < this.store.lease().toNanos() / 2) {
			return false;
		}
		this.outage.stalled(Duration.ofNanos(took));
		// Counted once: the rest of this turn is measured from now
		this.turnBegan = System.nanoTime();
		return true;
	}

	private void turn() {
		this.backlog.collect();
		this.leases.runDue(System.nanoTime(), this.claimed, this.backlog, !this.stopRequested, mayRescue());
		this.backlog.writeOthers();
		if (this.claiming) {
			this.pauses.refreshIfDue(System.nanoTime());
			claim();
		}
		else {
			this.backlog.writeSuccesses();
		}
		this.completions.settleIfDue(System.nanoTime());
	}

	/**
	 * Claim at most the free places, recording in the same round trip the successes
	 * waiting to be, for as long as every place asked for came or successes wait, unless
	 * the leases are due: completions ride on claims, a few at a time, and never hold the
	 * claimer up with one large write, nor a long backlog the renewals.
	 * <p>
	 * Each claim commits, and a commit waits for the database's flush to disk (a
	 * millisecond or more under production settings): work that ends sooner leaves the
	 * workers idle while the next claim commits, and the claims, not the work, set the
	 * pace. So while claims come back full (there is a backlog) and at least the
	 * concurrency's worth of items ended between two claims (the work is no longer than
	 * the time between claims), claims take rows ahead of the free places: the
	 * concurrency's worth, doubling while that lasts, up to {@link #MAX_CLAIM_AHEAD}
	 * times the concurrency. They wait in the engine for a place, and each commit records
	 * and claims more rows. When fewer items end between two claims, the rows taken ahead
	 * halve, and when a claim finds fewer rows than it asked for, nothing is claimed
	 * ahead: work that outlasts a claim's round trip is not held here while it could
	 * start on another instance. Rows claimed ahead are held and renewed like the others,
	 * and handed back at stop if they have not started ({@link #stopClaiming()}).
	 */
	private void claim() {
		int concurrency = this.engine.settings().concurrency();
		this.claimLock.lock();
		try {
			while (true) {
				// Only claims that ask for rows count: one that records successes
				// alone says nothing about the backlog or the pace of the work
				long ends = this.claimed.ends();
				int ahead = nextClaimAhead(ends - this.endsAtLastClaim, concurrency);
				int free = this.claiming ? this.engine.freePlaces(ahead) : 0;
				List<String> successes = this.backlog.successes(MAX_SUCCESSES_PER_CLAIM);
				List<ClaimedWork> rows = this.store.completeAndClaim(this.owner, successes,
						this.planner.next(free, System.nanoTime()));
				if (free > 0) {
					this.claimAhead = ahead;
					this.endsAtLastClaim = ends;
					this.lastClaimFull = rows.size() == free;
				}
				this.backlog.recorded(successes);
				this.handOver.handOver(rows);
				this.backlog.collect();
				this.backlog.writeOthers();
				boolean placesLeft = free > 0 && rows.size() == free && this.claiming;
				if ((!placesLeft && !this.backlog.hasSuccesses()) || this.leases.isRenewalDue(System.nanoTime())) {
					return;
				}
			}
		}
		finally {
			this.claimLock.unlock();
		}
	}

	/**
	 * Return how many rows the next claim takes ahead of the free places (see
	 * {@link #claim()}).
	 * @param ended how many items ended since the last claim that asked for rows
	 * @param concurrency the engine's concurrency
	 */
	private int nextClaimAhead(long ended, int concurrency) {
		if (!this.lastClaimFull) {
			return 0;
		}
		if (ended >= concurrency) {
			return Math.min(MAX_CLAIM_AHEAD * concurrency, Math.max(concurrency, 2 * this.claimAhead));
		}
		return this.claimAhead / 2;
	}

}
