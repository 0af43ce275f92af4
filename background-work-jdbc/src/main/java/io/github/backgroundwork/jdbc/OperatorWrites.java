package io.github.backgroundwork.jdbc;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * What an operator does to rows, wherever they ran: run ended rows again, delete ended
 * rows, cancel waiting rows, and find the rows a bulk action applies to, a bounded batch
 * at a time in id order. Every write runs in a short transaction of the store's own.
 */
final class OperatorWrites {

	/**
	 * Back to waiting, due now, with a fresh retry budget and the time of the retry; only
	 * if it failed or was cancelled, and only if no live row holds its key (the key goes
	 * live again with it). Its columns described its last attempt: every attempt it had
	 * is kept in its history first, marked as those of a run that ended.
	 */
	private static final String RETRY = """
			UPDATE {table} SET state = 'QUEUED', attempts = 0, not_before = {now}, owner = NULL, lease_until = NULL,
			    started_at = NULL, finished_at = NULL, cancel_requested = FALSE, live_key = work_key,
			    unreadable_by = NULL, unreadable_reason = NULL, retried_at = {now}, attempt_history = :history
			WHERE id = :id AND state IN ('FAILED', 'CANCELLED')
			    AND (work_key IS NULL OR NOT EXISTS (SELECT 1 FROM {table} held
			        WHERE held.name = {table}.name AND held.live_key = {table}.work_key))""";

	/**
	 * The ended rows to run again, locked until they are, so that the history written
	 * back is the one they have.
	 */
	private static final String LOCK_ENDED = "SELECT " + WorkTable.STORED_COLUMNS
			+ " FROM {table} WHERE id IN (:ids) AND state IN ('FAILED', 'CANCELLED') FOR UPDATE";

	private static final String DELETE = """
			DELETE FROM {table} WHERE id IN (:ids) AND state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')""";

	private static final String CANCEL_WAITING = """
			UPDATE {table} SET state = 'CANCELLED', finished_at = {now}, live_key = NULL
			WHERE id IN (:ids) AND state IN ('QUEUED', 'SCHEDULED')""";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final String channel;

	private final StoreTransactions transactions;

	OperatorWrites(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, String channel,
			StoreTransactions transactions) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.channel = channel;
		this.transactions = transactions;
	}

	/**
	 * Return at most {@code limit} rows that match, in id order, after {@code afterId}.
	 */
	List<StoredWork> match(StoredWorkFilter filter, @Nullable String afterId, int limit) {
		StringBuilder sql = new StringBuilder(
				"SELECT " + WorkTable.STORED_COLUMNS + " FROM {table} WHERE queue = :queue AND state IN (:states)");
		if (filter.name() != null) {
			sql.append(" AND name = :name");
		}
		if (filter.keyPrefix() != null) {
			sql.append(" AND work_key LIKE :prefix ESCAPE '!'");
		}
		if (filter.olderThan() != null) {
			sql.append(" AND COALESCE(finished_at, enqueued_at) < :olderThan");
		}
		if (afterId != null) {
			sql.append(" AND id > :after");
		}
		sql.append(" ORDER BY id LIMIT :limit");
		StatementSpec statement = this.client.sql(this.dialect.sql(this.table, sql.toString()))
			.param("queue", filter.queue())
			.param("states", filter.states().stream().map(StoredState::name).toList())
			.param("limit", limit);
		if (filter.name() != null) {
			statement = statement.param("name", filter.name());
		}
		if (filter.keyPrefix() != null) {
			statement = statement.param("prefix", filter.keyPrefix().replaceAll("[!%_]", "!$0") + "%");
		}
		if (filter.olderThan() != null) {
			statement = statement.param("olderThan", filter.olderThan().atOffset(ZoneOffset.UTC));
		}
		if (afterId != null) {
			statement = statement.param("after", afterId);
		}
		return statement.query(WorkTable.STORED).list();
	}

	/**
	 * Run ended rows again and wake the claimers of every instance (through the
	 * database's notifications, where it has them).
	 * @return how many went back to waiting
	 */
	int retry(Collection<String> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		try {
			return retryAtOnce(ids);
		}
		catch (DataIntegrityViolationException ex) {
			// Two of them hold the same key, or an enqueue took a key meanwhile: one by
			// one, so that each of the others still runs again
			int retried = 0;
			for (String id : ids) {
				try {
					retried += retryAtOnce(List.of(id));
				}
				catch (DataIntegrityViolationException duplicate) {
					// Its key is live again: it stays as it ended
				}
			}
			return retried;
		}
	}

	private int retryAtOnce(Collection<String> ids) {
		String lock = this.dialect.sql(this.table, LOCK_ENDED);
		String sql = this.dialect.sql(this.table, this.dialect.returning(RETRY, "name"));
		return this.transactions.own(() -> {
			List<String> names = new ArrayList<>();
			for (List<String> chunk : WorkTable.chunks(ids)) {
				for (StoredWork row : this.client.sql(lock)
					.param("ids", this.dialect.ids(chunk))
					.query(WorkTable.STORED)
					.list()) {
					names.addAll(this.client.sql(sql)
						.param("id", row.id())
						.param("history", AttemptLines.ofEndedRuns(row.history()))
						.query(String.class)
						.list());
				}
			}
			this.dialect.notify(this.client, this.channel, new HashSet<>(names));
			return names.size();
		});
	}

	/**
	 * Delete ended rows.
	 * @return how many were deleted
	 */
	int delete(Collection<String> ids) {
		String sql = this.dialect.sql(this.table, DELETE);
		return this.transactions.own(() -> {
			int deleted = 0;
			for (List<String> chunk : WorkTable.chunks(ids)) {
				deleted += this.client.sql(sql).param("ids", this.dialect.ids(chunk)).update();
			}
			return deleted;
		});
	}

	/**
	 * Cancel rows that wait, queued or scheduled.
	 * @return the ids cancelled
	 */
	Set<String> cancelWaiting(Collection<String> ids) {
		String sql = this.dialect.sql(this.table, this.dialect.returning(CANCEL_WAITING, "id"));
		return this.transactions.own(() -> {
			Set<String> cancelled = new HashSet<>();
			for (List<String> chunk : WorkTable.chunks(ids)) {
				cancelled.addAll(this.client.sql(sql).param("ids", this.dialect.ids(chunk)).query(String.class).list());
			}
			return cancelled;
		});
	}

}
