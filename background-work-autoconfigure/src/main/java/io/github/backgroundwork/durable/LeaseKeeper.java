package io.github.backgroundwork.durable;

import java.util.Map;
import java.util.Set;

import io.github.backgroundwork.durable.ClaimedItems.ClaimedItem;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.RenewedLeases;
import io.github.backgroundwork.jdbc.RescueResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps leases, on a claimer's thread: renews those of the rows the claimer holds, warns
 * of the claims it lost, and cancels the items another instance asked to cancel
 * ({@link JdbcWorkStore#requestCancellation(String)}); and takes back the rows whose
 * lease expired (their instance stopped without saying so), saying what became of them.
 */
final class LeaseKeeper {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private final JdbcWorkStore store;

	private final String owner;

	LeaseKeeper(JdbcWorkStore store, String owner) {
		this.store = store;
		this.owner = owner;
	}

	/**
	 * Renew the leases of the rows claimed and not ended.
	 * @param claimed what the claimer holds, by id
	 */
	void renew(Map<String, ClaimedItem> claimed) {
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
	void rescueExpired() {
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
