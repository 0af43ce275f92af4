package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.Set;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.durable.ClaimedItems.ClaimedItem;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.RenewedLeases;
import io.github.backgroundwork.jdbc.RescueResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps leases, on a claimer's thread: renews those of every row the claimer holds (every
 * third of the lease), running or waiting for its outcome to be written, warns once of
 * each claim it lost, cancels the items another instance asked to cancel
 * ({@link JdbcWorkStore#requestCancellation(String)}), and gives back the rows held under
 * the claimer's name that it does not know of; takes back the rows whose lease expired
 * (every half lease: their instance stopped without saying so), saying what became of
 * them; deletes finished rows past the retention, in bounded batches for a bounded time
 * per turn, every minute or at once while some remain; and, while the queue claims,
 * writes the instance's heartbeat when it starts and with every renewal.
 */
final class LeaseKeeper {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private final JdbcWorkStore store;

	private final String owner;

	private final RetentionCleaner cleaner;

	private final InstanceHeartbeat heartbeat;

	private final StoreOutage outage;

	private final long renewEvery;

	private final long rescueEvery;

	// Read and written by the claimer's thread only
	private long nextRenew;

	private long nextRescue;

	private boolean beatDue;

	LeaseKeeper(JdbcWorkStore store, String owner, RetentionCleaner cleaner, InstanceHeartbeat heartbeat,
			StoreOutage outage) {
		this.store = store;
		this.owner = owner;
		this.cleaner = cleaner;
		this.heartbeat = heartbeat;
		this.outage = outage;
		this.renewEvery = store.lease().toNanos() / 3;
		this.rescueEvery = store.lease().toNanos() / 2;
	}

	/**
	 * Start the timers: the rescuer and the cleaner are due at once.
	 * @param now the claimer's {@link System#nanoTime()}
	 */
	void start(long now) {
		this.nextRenew = now + this.renewEvery;
		this.nextRescue = now;
		this.beatDue = true;
		this.cleaner.start(now);
	}

	/**
	 * Return when the renewal, the rescuer or the cleaner is due next, in
	 * {@link System#nanoTime()}.
	 * @param claiming whether the queue claims; a stopped queue only renews
	 */
	long nextDue(boolean claiming) {
		return claiming ? Math.min(this.nextRenew, Math.min(this.nextRescue, this.cleaner.nextDue())) : this.nextRenew;
	}

	/**
	 * Whether the renewal is due: a claim loop gives way to it.
	 */
	boolean isRenewalDue(long now) {
		return now - this.nextRenew >= 0 || now - this.nextRescue >= 0;
	}

	/**
	 * Renew, rescue and clean up, each if its time came; a stopped queue only renews.
	 * @param now the claimer's {@link System#nanoTime()}
	 * @param claimed what the claimer holds
	 * @param backlog the outcomes it has not written
	 * @param claiming whether the queue claims, or has stopped and only keeps what it
	 * holds
	 * @param mayRescue whether the store has been back long enough to take other
	 * instances' rows: after an outage that every instance saw, their leases expired
	 * because they could not renew them, not because they died, so the rescue waits one
	 * lease for them to renew first
	 * @throws RuntimeException if a statement failed; what was not done stays due
	 */
	void runDue(long now, ClaimedItems claimed, OutcomeBacklog backlog, boolean claiming, boolean mayRescue) {
		boolean renewed = false;
		if (now - this.nextRenew >= 0) {
			renew(claimed, backlog);
			this.nextRenew = now + this.renewEvery;
			renewed = true;
		}
		if (!claiming) {
			return;
		}
		// At start and with every renewal; one that failed waits for the next renewal,
		// so that an outage costs no statement per turn
		if (renewed || this.beatDue) {
			this.beatDue = false;
			this.heartbeat.beat();
		}
		if (now - this.nextRescue >= 0) {
			if (mayRescue) {
				rescueExpired(now);
			}
			this.nextRescue = now + this.rescueEvery;
		}
		this.cleaner.runIfDue(now);
	}

	/**
	 * Renew the leases of the rows held, and release those held under this name that the
	 * claimer does not know of. Runs between claims, so no claim is under way.
	 */
	private void renew(ClaimedItems claimed, OutcomeBacklog backlog) {
		Set<String> ids = claimed.leasedIds();
		if (!ids.isEmpty()) {
			RenewedLeases renewed = this.store.renew(this.owner, ids);
			for (String id : ids) {
				if (!renewed.held().contains(id) && claimed.markLost(id)) {
					lost(claimed, backlog, id);
				}
			}
			cancelRequested(claimed, renewed);
		}
		Set<String> released = this.store.releaseUntracked(this.owner, claimed.allIds());
		if (!released.isEmpty()) {
			logger.warn("Background work claimer " + this.owner + " held " + released.size() + " row(s) it did not "
					+ "know of (a claim whose answer was lost): handed them back, their attempt not consumed: "
					+ released);
		}
	}

	private static void lost(ClaimedItems claimed, OutcomeBacklog backlog, String id) {
		ClaimedItem item = claimed.get(id);
		String name = (item != null) ? item.row().name() : "?";
		if (backlog.forget(id)) {
			logger.warn("Background work '" + name + "' (" + id + ") lost its lease before its outcome was "
					+ "written: another instance may run it again");
		}
		else {
			logger.warn("Background work '" + name + "' (" + id + ") lost its lease: another instance may run it "
					+ "again");
		}
	}

	private static void cancelRequested(ClaimedItems claimed, RenewedLeases renewed) {
		for (String id : renewed.cancellationRequested()) {
			ClaimedItem item = claimed.get(id);
			WorkHandle handle = (item != null) ? item.handle() : null;
			if (handle != null && handle.cancel()) {
				logger.info("Background work '" + item.row().name() + "' (" + id
						+ "): cancellation requested from another instance");
			}
		}
	}

	/**
	 * Queue again the rows whose lease expired, or fail those without an attempt left;
	 * only if the store answers within a third of a lease of the turn's start, whatever
	 * held it up meanwhile (a renewal, or the rescue's own wait for a connection, as a
	 * pool hands none out while its database restarts). Decided once the rescue has its
	 * connection, not before: a rescue that waited out an outage would otherwise take the
	 * rows of owners that could not renew them either, itself included, while their code
	 * still runs. The owners renew at least every third of a lease, so a shorter gap
	 * cannot have kept them from it for a whole lease.
	 * @param turnBegan the claimer's {@link System#nanoTime()} when the turn began
	 */
	private void rescueExpired(long turnBegan) {
		Duration patience = Duration.ofNanos(Math.max(0, this.renewEvery - (System.nanoTime() - turnBegan)));
		RescueResult rescued = this.store.rescueExpired(patience);
		if (rescued.heldUp()) {
			this.outage.stalled(Duration.ofNanos(System.nanoTime() - turnBegan));
		}
		if (rescued.requeued() > 0) {
			logger.warn("Background work: " + rescued.requeued() + " item(s) whose instance stopped without "
					+ "finishing them (their lease expired) are queued again");
		}
		if (!rescued.failed().isEmpty()) {
			logger.error("Background work " + rescued.failed() + " failed: the instance running the last attempt "
					+ "stopped without finishing it (its lease expired), and no attempt is left");
		}
	}

}
