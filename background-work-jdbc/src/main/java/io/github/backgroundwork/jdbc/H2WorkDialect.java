package io.github.backgroundwork.jdbc;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * H2 2.x: one {@code INSERT} per item that catches the unique index's violation, a claim
 * in two statements (lock due ids with {@code FOR UPDATE SKIP LOCKED}, then update them
 * through {@code FINAL TABLE}), and no notifications.
 */
final class H2WorkDialect extends JdbcWorkDialect {

	/**
	 * Tries per item before giving up on one whose key keeps being freed between the
	 * insert and the look-up.
	 */
	private static final int MAX_INSERT_TRIES = 10;

	private static final String INSERT = """
			INSERT INTO {table} (id, name, work_key, live_key, payload, payload_type, state, attempts, max_retries,
			    not_before, enqueued_at, trace_context, queue, context)
			SELECT ?, ?, ?, ?, ?, ?,
			    CASE WHEN r.due > CURRENT_TIMESTAMP THEN 'SCHEDULED' ELSE 'QUEUED' END,
			    0, ?, r.due, CURRENT_TIMESTAMP, ?, ?, ?
			FROM (SELECT COALESCE(CAST(? AS TIMESTAMP WITH TIME ZONE),
			    DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)) AS due) r""";

	private static final String FIND_LIVE = "SELECT id FROM {table} WHERE name = ? AND live_key = ?";

	/**
	 * The update of the rows a claim locked. It forgets why an instance could not read an
	 * item: the claiming one may.
	 */
	private static final String CLAIM_LOCKED = """
			SELECT id, name, work_key, payload, payload_type, attempts, max_retries, trace_context, enqueued_at,
			    not_before, context
			FROM FINAL TABLE (
			    UPDATE {table} SET state = 'RUNNING', owner = :owner, attempts = attempts + 1,
			        started_at = CURRENT_TIMESTAMP, lease_until = {now+:lease}, unreadable_by = NULL,
			        unreadable_reason = NULL
			    WHERE id IN (:ids) AND state IN ('QUEUED', 'SCHEDULED'))""";

	/**
	 * Lock the due rows of one part of a claim, in the order of the (state, not_before,
	 * queue) index, so that H2 reads at most the part's limit from it instead of sorting
	 * every due row: due queued rows before due scheduled ones, each oldest first. An
	 * index led by the queue would not be chosen: H2 then prefers the lease index.
	 */
	private static String lockDue(ClaimParts parts, int index) {
		return "SELECT id, not_before FROM {table} WHERE " + parts.where(index)
				+ " ORDER BY state, not_before LIMIT :limit_" + index + " FOR UPDATE SKIP LOCKED";
	}

	/**
	 * One statement that walks the finished index: H2 runs a delete of the ids a subquery
	 * selects in time that grows with the table, thousands of times slower.
	 */
	@Override
	String deleteFinishedBatch() {
		return "DELETE FROM {table} WHERE finished_at < {now-:retention} FETCH FIRST :batch ROWS ONLY";
	}

	@Override
	String deleteEndedBatch() {
		return "DELETE FROM {table} WHERE state = :state AND finished_at < {now-:retention} FETCH FIRST :batch ROWS ONLY";
	}

	@Override
	String now() {
		return "CURRENT_TIMESTAMP";
	}

	@Override
	String nowPlusMillis(String sign, String parameter) {
		return "DATEADD(MILLISECOND, " + sign + "CAST(:" + parameter + " AS BIGINT), CURRENT_TIMESTAMP)";
	}

	@Override
	String returning(String update, String columns) {
		return "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
	}

	@Override
	List<InsertedWork> insert(JdbcTemplate jdbc, WorkTable table, String channel, List<NewWork> items) {
		List<InsertedWork> outcomes = new ArrayList<>(items.size());
		for (NewWork item : items) {
			outcomes.add(insert(jdbc, table, item));
		}
		return outcomes;
	}

	private InsertedWork insert(JdbcTemplate jdbc, WorkTable table, NewWork item) {
		OffsetDateTime notBefore = (item.notBefore() != null) ? item.notBefore().atOffset(ZoneOffset.UTC) : null;
		DuplicateKeyException last = null;
		for (int tries = 0; tries < MAX_INSERT_TRIES; tries++) {
			try {
				// H2 rolls back only the failed statement, so the caller's transaction
				// goes on after a duplicate key
				jdbc.update(table.sql(INSERT), item.id(), item.name(), item.key(), item.key(), item.payload(),
						item.payloadType(), item.maxRetries(), item.traceContext(), item.queue(), item.context(),
						new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, notBefore), item.delay().toMillis());
				return new InsertedWork(item.id(), false);
			}
			catch (DuplicateKeyException ex) {
				last = ex;
				if (item.key() == null) {
					throw ex;
				}
				List<String> holder = jdbc.queryForList(table.sql(FIND_LIVE), String.class, item.name(), item.key());
				if (!holder.isEmpty()) {
					return new InsertedWork(holder.get(0), true);
				}
				// Freed between the insert and the look-up, or a clash of ids: try again
			}
		}
		throw new IllegalStateException("Could not insert item '" + item.id()
				+ "' nor find the live item holding its key after " + MAX_INSERT_TRIES + " tries", last);
	}

	@Override
	List<ClaimedWork> claim(JdbcClient client, JdbcTemplate jdbc, WorkTable table, String owner, Duration lease,
			ClaimParts parts) {
		// H2 applies LIMIT before it skips locked rows, so a claimer racing another may
		// get fewer rows than are due; it never gets a row the other holds
		List<Due> due = new ArrayList<>();
		for (int i = 0; i < parts.parts().size(); i++) {
			StatementSpec lock = client.sql(sql(table, lockDue(parts, i)));
			for (Map.Entry<String, Object> parameter : parts.parameters().entrySet()) {
				lock = lock.param(parameter.getKey(), parameter.getValue());
			}
			due.addAll(lock.query((rs, rowNum) -> new Due(rs.getString("id"), WorkTable.instant(rs, "not_before")))
				.list());
		}
		// The oldest of every part's rows; the others stay locked until the claim's
		// transaction ends, a moment later. Stable: each part's ties keep their order
		due.sort(Comparator.comparing(Due::notBefore, Comparator.nullsLast(Comparator.naturalOrder())));
		List<String> ids = due.stream().limit(parts.limit()).map(Due::id).toList();
		if (ids.isEmpty()) {
			return List.of();
		}
		List<ClaimedWork> claimed = new ArrayList<>(client.sql(sql(table, CLAIM_LOCKED))
			.param("owner", owner)
			.param("lease", lease.toMillis())
			.param("ids", ids)
			.query(WorkTable.CLAIMED)
			.list());
		claimed.sort(Comparator.comparingInt((work) -> ids.indexOf(work.id())));
		return claimed;
	}

	private record Due(String id, @Nullable Instant notBefore) {
	}

}
