package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Takes due items for an instance, keeps its claims alive, and gives back claims it will
 * not run. Every statement here runs in a short transaction of its own.
 */
final class WorkClaimer {

	private static final String RENEW = """
			UPDATE {table} SET lease_until = {now+:lease}
			WHERE state = 'RUNNING' AND owner = :owner AND id IN (:ids)""";

	private static final String RELEASE = """
			UPDATE {table} SET state = 'QUEUED', owner = NULL, lease_until = NULL, started_at = NULL,
			    attempts = attempts - 1
			WHERE state = 'RUNNING' AND owner = :owner AND id IN (:ids)""";

	private final JdbcClient client;

	private final TransactionTemplate transactions;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final Duration lease;

	WorkClaimer(JdbcClient client, TransactionTemplate transactions, JdbcWorkDialect dialect, WorkTable table,
			Duration lease) {
		this.client = client;
		this.transactions = transactions;
		this.dialect = dialect;
		this.table = table;
		this.lease = lease;
	}

	List<ClaimedWork> claim(String owner, int limit) {
		Assert.hasText(owner, "owner must not be empty");
		Assert.isTrue(limit >= 0, () -> "limit must not be negative, was " + limit);
		if (limit == 0) {
			return List.of();
		}
		List<ClaimedWork> claimed = this.transactions
			.execute((status) -> this.dialect.claim(this.client, this.table, owner, this.lease, limit));
		return (claimed != null) ? claimed : List.of();
	}

	RenewedLeases renew(String owner, Collection<String> ids) {
		Assert.hasText(owner, "owner must not be empty");
		Set<String> held = new HashSet<>();
		Set<String> cancellationRequested = new HashSet<>();
		String sql = this.dialect.sql(this.table, this.dialect.returning(RENEW, "id, cancel_requested"));
		for (List<String> chunk : WorkTable.chunks(ids)) {
			this.client.sql(sql)
				.param("owner", owner)
				.param("ids", chunk)
				.param("lease", this.lease.toMillis())
				.query((rs, rowNum) -> {
					String id = rs.getString("id");
					held.add(id);
					if (rs.getBoolean("cancel_requested")) {
						cancellationRequested.add(id);
					}
					return id;
				})
				.list();
		}
		return new RenewedLeases(held, cancellationRequested);
	}

	Set<String> release(String owner, Collection<String> ids) {
		return updateReturningIds(RELEASE, owner, ids);
	}

	private Set<String> updateReturningIds(String update, String owner, Collection<String> ids) {
		Assert.hasText(owner, "owner must not be empty");
		Set<String> changed = new HashSet<>();
		String sql = this.dialect.sql(this.table, this.dialect.returning(update, "id"));
		for (List<String> chunk : WorkTable.chunks(ids)) {
			changed.addAll(this.client.sql(sql)
				.param("owner", owner)
				.param("ids", chunk)
				.param("lease", this.lease.toMillis())
				.query(String.class)
				.list());
		}
		return changed;
	}

}
