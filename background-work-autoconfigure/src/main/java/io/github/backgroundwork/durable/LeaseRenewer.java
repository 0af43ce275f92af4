package io.github.backgroundwork.durable;

import java.util.Map;
import java.util.Set;

import io.github.backgroundwork.durable.DurableWorkSource.ClaimedItem;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.RenewedLeases;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Renews the leases of what a queue has claimed, on its claimer's thread; warns of the
 * claims it lost, and cancels the items another instance asked to cancel
 * ({@link JdbcWorkStore#requestCancellation(String)}).
 */
final class LeaseRenewer {

	private static final Log logger = LogFactory.getLog(LeaseRenewer.class);

	private final JdbcWorkStore store;

	private final String owner;

	LeaseRenewer(JdbcWorkStore store, String owner) {
		this.store = store;
		this.owner = owner;
	}

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

}
