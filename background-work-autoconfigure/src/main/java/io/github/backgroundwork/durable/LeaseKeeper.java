package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.backgroundwork.durable.ClaimedItems.ClaimedItem;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.RenewedLeases;
import io.github.backgroundwork.jdbc.RescueResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps leases, on a claimer's thread: renews those of the rows the claimer holds (every
 * third of the lease), warns of the claims it lost, and cancels the items another
 * instance asked to cancel ({@link JdbcWorkStore#requestCancellation(String)}); takes
 * back the rows whose lease expired (every half lease: their instance stopped without
 * saying so), saying what became of them; and deletes finished rows past the retention.
 */
final class LeaseKeeper {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private static final long CLEANUP_INTERVAL = Duration.ofMinutes(10).toNanos();

	private static final int CLEANUP_BATCH = 1000;

	private final JdbcWorkStore store;

	private final String owner;

	private final Duration retention;

	private final long renewEvery;

	private final long rescueEvery;

	// Read and written by the claimer's thread only
	private long nextRenew;

	private long nextRescue;

	private long nextCleanup;

	LeaseKeeper(JdbcWorkStore store, String owner, Duration retention) {
		this.store = store;
		this.owner = owner;
		this.retention = retention;
		this.renewEvery = store.lease().toNanos() / 3;
		this.rescueEvery = store.lease().toNanos() / 2;
	}

	/**
	 * Start the timers: the rescuer is due at once, the cleaner after a minute.
	 * @param now the claimer's {@link System#nanoTime()}
	 */
	void start(long now) {
		this.nextRenew = now + this.renewEvery;
		this.nextRescue = now;
		this.nextCleanup = now + Duration.ofMinutes(1).toNanos();
	}

	/**
	 * Return when the renewal or the rescuer is due next, in {@link System#nanoTime()}.
	 */
	long nextDue() {
		return Math.min(this.nextRenew, this.nextRescue);
	}

	/**
	 * Renew, rescue and clean up, each if its time came.
	 * @param now the claimer's {@link System#nanoTime()}
	 * @param claimed what the claimer holds, by id
	 */
	void runDue(long now, Map<String, ClaimedItem> claimed) {
		if (now - this.nextRenew >= 0) {
			renew(claimed);
			this.nextRenew = now + this.renewEvery;
		}
		if (now - this.nextRescue >= 0) {
			rescueExpired();
			this.nextRescue = now + this.rescueEvery;
		}
		if (now - this.nextCleanup >= 0) {
			this.store.deleteFinishedBatch(this.retention, CLEANUP_BATCH);
			this.nextCleanup = now + CLEANUP_INTERVAL;
		}
	}

	/**
	 * Renew the leases of the rows claimed and not ended.
	 * @param claimed what the claimer holds, by id
	 */
	private void renew(Map<String, ClaimedItem> claimed) {
		Set<String> ids = Set.copyOf(claimed.keySet());
		if (ids.isEmpty()) {
			return;
		}
		RenewedLeases renewed = this.store.renew(this.owner, ids);
		for (String id : ids) {
			if (!renewed.held().contains(id) && claimed.containsKey(id)) {
				logger.warn("Background work (" + id + ") lost its lease: another instance may run it again");
			}
		}
		for (String id : renewed.cancellationRequested()) {
			ClaimedItem item = claimed.get(id);
			if (item != null && item.handle().cancel()) {
				logger.info("Background work '" + item.row().name() + "' (" + id
						+ "): cancellation requested from another instance");
			}
		}
	}

	/**
	 * Queue again the rows whose lease expired, or fail those without an attempt left.
	 */
	private void rescueExpired() {
		RescueResult rescued = this.store.rescueExpired();
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
