package io.github.backgroundwork.durable;

import java.util.Map;
import java.util.Set;

import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Renews the leases of the rows a claimer holds, and says which it lost.
 */
final class LeaseRenewer {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private final JdbcWorkStore store;

	private final String owner;

	LeaseRenewer(JdbcWorkStore store, String owner) {
		this.store = store;
		this.owner = owner;
	}

	/**
	 * Renew the leases of the rows claimed and not ended.
	 * @param claimed what the claimer holds, by id
	 */
	void renew(Map<String, ?> claimed) {
		Set<String> ids = Set.copyOf(claimed.keySet());
		if (ids.isEmpty()) {
			return;
		}
		Set<String> held = this.store.renewLeases(this.owner, ids);
		for (String id : ids) {
			if (!held.contains(id) && claimed.containsKey(id)) {
				logger.warn("Background work (" + id + ") lost its lease: another instance may run it again");
			}
		}
	}

}
