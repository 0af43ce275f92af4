package io.github.backgroundwork.jdbc;

import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

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
			    not_before, enqueued_at, trace_context)
			SELECT ?, ?, ?, ?, ?, ?,
			    CASE WHEN r.due > CURRENT_TIMESTAMP THEN 'SCHEDULED' ELSE 'QUEUED' END,
			    0, ?, r.due, CURRENT_TIMESTAMP, ?
			FROM (SELECT COALESCE(CAST(? AS TIMESTAMP WITH TIME ZONE),
			    DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)) AS due) r""";

	private static final String FIND_LIVE = "SELECT id FROM {table} WHERE name = ? AND live_key = ?";

	/**
	 * Due rows in the order of the (state, not_before) index, so that H2 reads at most
	 * the limit from it instead of sorting every due row: due queued rows before due
	 * scheduled ones, each oldest first.
	 */
	private static final String LOCK_DUE = """
			SELECT id FROM {table}
			WHERE state IN ('QUEUED', 'SCHEDULED') AND not_before <= CURRENT_TIMESTAMP{names}
			ORDER BY state, not_before
			LIMIT :limit
			FOR UPDATE SKIP LOCKED""";

	private static final String CLAIM_LOCKED = """
			SELECT id, name, work_key, payload, payload_type, attempts, max_retries, trace_context, enqueued_at,
			    not_before
			FROM FINAL TABLE (
			    UPDATE {table} SET state = 'RUNNING', owner = :owner, attempts = attempts + 1,
			        started_at = CURRENT_TIMESTAMP, lease_until = {now+:lease}
			    WHERE id IN (:ids) AND state IN ('QUEUED', 'SCHEDULED'))""";

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
						item.payloadType(), item.maxRetries(), item.traceContext(),
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
			int limit, @Nullable Collection<String> names) {
		// H2 applies LIMIT before it skips locked rows, so a claimer racing another may
		// get
		// fewer rows than are due; it never gets a row the other holds
		List<String> ids = bindNames(client.sql(sql(table, withNames(LOCK_DUE, names))).param("limit", limit), names)
			.query(String.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		List<ClaimedWork> claimed = new ArrayList<>(client.sql(sql(table, CLAIM_LOCKED))
			.param("owner", owner)
			.param("lease", lease.toMillis())
			.param("ids", ids)
			.query(WorkTable.CLAIMED)
			.list());
		// In the order of the due index, whose ties (items inserted in one transaction
		// share their due time) follow the order of insertion
		claimed.sort(Comparator.comparingInt((work) -> ids.indexOf(work.id())));
		return claimed;
	}

}
