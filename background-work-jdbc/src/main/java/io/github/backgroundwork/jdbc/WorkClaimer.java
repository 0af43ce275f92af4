package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Takes due items for an instance, keeps its claims alive, and gives back claims it will
 * not run. Every write here runs in a short transaction of its own (see
 * {@link StoreTransactions}); the claim on PostgreSQL is one statement that commits
 * itself ({@link PostgresClaim}).
 */
final class WorkClaimer {

	private static final String RENEW = """
			UPDATE {table} SET lease_until = {now+:lease}
			WHERE state = 'RUNNING' AND owner = :owner AND id IN (:ids)""";

	/**
	 * Back to waiting, the attempt not consumed; or, when its cancellation was requested
	 * meanwhile, ended cancelled: a cancellation sticks.
	 */
	private static final String RELEASE = """
			UPDATE {table} SET state = CASE WHEN cancel_requested THEN 'CANCELLED' ELSE 'QUEUED' END,
			    finished_at = CASE WHEN cancel_requested THEN {now} ELSE NULL END,
			    live_key = CASE WHEN cancel_requested THEN NULL ELSE live_key END,
			    owner = NULL, lease_until = NULL, started_at = NULL, attempts = attempts - 1
			WHERE state = 'RUNNING' AND owner = :owner AND id IN (:ids)""";

	/**
	 * As {@link #RELEASE}, recording which instance could not read the item and why.
	 */
	private static final String RELEASE_UNREADABLE = """
			UPDATE {table} SET state = CASE WHEN cancel_requested THEN 'CANCELLED' ELSE 'QUEUED' END,
			    finished_at = CASE WHEN cancel_requested THEN {now} ELSE NULL END,
			    live_key = CASE WHEN cancel_requested THEN NULL ELSE live_key END,
			    owner = NULL, lease_until = NULL, started_at = NULL, attempts = attempts - 1,
			    unreadable_by = :owner, unreadable_reason = :reason
			WHERE state = 'RUNNING' AND owner = :owner AND id = :id""";

	private final JdbcClient client;

	private final JdbcTemplate jdbc;

	private final StoreTransactions transactions;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final Duration lease;

	WorkClaimer(JdbcClient client, JdbcTemplate jdbc, StoreTransactions transactions, JdbcWorkDialect dialect,
			WorkTable table, Duration lease) {
		this.client = client;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.dialect = dialect;
		this.table = table;
		this.lease = lease;
	}

	List<ClaimedWork> claim(String owner, ClaimRequest request) {
		Assert.hasText(owner, "owner must not be empty");
		Assert.notNull(request, "request must not be null");
		ClaimParts parts = new ClaimParts(request);
		if (parts.isEmpty()) {
			return List.of();
		}
		if (this.dialect.claimsInOneStatement()) {
			return this.dialect.claim(this.client, this.jdbc, this.table, owner, this.lease, parts);
		}
		return this.transactions
			.own(() -> this.dialect.claim(this.client, this.jdbc, this.table, owner, this.lease, parts));
	}

	/**
	 * Record successes and claim more; in one round trip where the dialect can.
	 */
	List<ClaimedWork> completeAndClaim(String owner, Collection<String> succeeded, ClaimRequest request,
			WorkCompleter completer) {
		Assert.notNull(request, "request must not be null");
		ClaimParts parts = new ClaimParts(request);
		if (!parts.isEmpty() && this.dialect.claimsInOneStatement() && !succeeded.isEmpty()
				&& succeeded.size() <= WorkTable.MAX_IDS_PER_STATEMENT) {
			Assert.hasText(owner, "owner must not be empty");
			return this.dialect.completeAndClaim(this.jdbc, this.table, WorkCompleter.COMPLETE, succeeded, owner,
					this.lease, parts);
		}
		if (!succeeded.isEmpty()) {
			completer.complete(owner, succeeded);
		}
		return claim(owner, request);
	}

	RenewedLeases renew(String owner, Collection<String> ids) {
		Assert.hasText(owner, "owner must not be empty");
		String sql = this.dialect.sql(this.table, this.dialect.returning(RENEW, "id, cancel_requested"));
		return this.transactions.own(() -> {
			Set<String> held = new HashSet<>();
			Set<String> cancellationRequested = new HashSet<>();
			for (List<String> chunk : WorkTable.chunks(ids)) {
				this.client.sql(sql)
					.param("owner", owner)
					.param("ids", this.dialect.ids(chunk))
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
		});
	}

	Set<String> release(String owner, Collection<String> ids) {
		return updateReturningIds(RELEASE, owner, ids, "QUEUED");
	}

	boolean releaseUnreadable(String owner, String id, String reason) {
		Assert.hasText(owner, "owner must not be empty");
		Assert.hasText(id, "id must not be empty");
		Assert.notNull(reason, "reason must not be null");
		String sql = this.dialect.sql(this.table, this.dialect.returning(RELEASE_UNREADABLE, "state"));
		return this.transactions.own(() -> this.client.sql(sql)
			.param("owner", owner)
			.param("id", id)
			.param("reason", reason)
			.query(String.class)
			.list()
			.contains("QUEUED"));
	}

	/**
	 * Run an update of rows held by {@code owner} and return the ids of those it left in
	 * a given state.
	 */
	private Set<String> updateReturningIds(String update, String owner, Collection<String> ids, String state) {
		Assert.hasText(owner, "owner must not be empty");
		String sql = this.dialect.sql(this.table, this.dialect.returning(update, "id, state"));
		return this.transactions.own(() -> {
			Set<String> changed = new HashSet<>();
			for (List<String> chunk : WorkTable.chunks(ids)) {
				this.client.sql(sql)
					.param("owner", owner)
					.param("ids", this.dialect.ids(chunk))
					.query((rs, rowNum) -> state.equals(rs.getString("state")) && changed.add(rs.getString("id")))
					.list();
			}
			return changed;
		});
	}

}
