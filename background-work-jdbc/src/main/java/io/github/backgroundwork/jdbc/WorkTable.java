package io.github.backgroundwork.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.Assert;

/**
 * The work table's name and the mapping of its rows, shared by the store's collaborators.
 */
final class WorkTable {

	/**
	 * The name of the table the bundled schema scripts create.
	 */
	static final String DEFAULT_NAME = "background_work";

	private static final Pattern IDENTIFIER = Pattern
		.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

	static final String CLAIMED_COLUMNS = "id, name, work_key, payload, payload_type, attempts, max_retries, "
			+ "trace_context, enqueued_at, not_before, context";

	static final String STORED_COLUMNS = "id, name, work_key, payload_type, state, attempts, max_retries, "
			+ "not_before, owner, lease_until, enqueued_at, started_at, finished_at, error, unreadable_by, "
			+ "unreadable_reason, retried_at, queue, stack_trace, attempt_history";

	/**
	 * What a page of rows reads: no stack trace nor history, which only an item's lookup
	 * shows.
	 */
	static final String SUMMARY_COLUMNS = "id, name, work_key, payload_type, state, attempts, max_retries, "
			+ "not_before, owner, lease_until, enqueued_at, started_at, finished_at, error, unreadable_by, "
			+ "unreadable_reason, retried_at, queue, NULL AS stack_trace, NULL AS attempt_history";

	static final RowMapper<ClaimedWork> CLAIMED = (rs, rowNum) -> new ClaimedWork(rs.getString("id"),
			rs.getString("name"), rs.getString("work_key"), rs.getString("payload"), rs.getString("payload_type"),
			rs.getInt("attempts"), rs.getInt("max_retries"), rs.getString("trace_context"),
			requiredInstant(rs, "enqueued_at"), requiredInstant(rs, "not_before"), rs.getString("context"));

	static final RowMapper<StoredWork> STORED = (rs, rowNum) -> new StoredWork(rs.getString("id"), rs.getString("name"),
			rs.getString("work_key"), rs.getString("payload_type"), StoredState.valueOf(rs.getString("state")),
			rs.getInt("attempts"), rs.getInt("max_retries"), requiredInstant(rs, "not_before"), rs.getString("owner"),
			instant(rs, "lease_until"), requiredInstant(rs, "enqueued_at"), instant(rs, "started_at"),
			instant(rs, "finished_at"), rs.getString("error"), rs.getString("unreadable_by"),
			rs.getString("unreadable_reason"), instant(rs, "retried_at"), rs.getString("queue"),
			rs.getString("stack_trace"), AttemptLines.read(rs.getString("attempt_history")),
			AttemptLines.ofEndedRuns(rs.getString("attempt_history")));

	/**
	 * The most ids one statement binds, far below every driver's parameter limit.
	 */
	static final int MAX_IDS_PER_STATEMENT = 1000;

	private final String name;

	/**
	 * Create a table reference.
	 * @param name the table name, optionally qualified by a schema
	 * @throws IllegalArgumentException if the name is not a plain SQL identifier
	 */
	WorkTable(String name) {
		Assert.isTrue(name != null && IDENTIFIER.matcher(name).matches(), () -> "Table name '" + name
				+ "' is not a plain SQL identifier (letters, digits and '_', optionally 'schema.table')");
		this.name = name;
	}

	String name() {
		return this.name;
	}

	/**
	 * Return the name of the table of pauses beside it: its own name followed by
	 * {@code _pause}.
	 */
	String pauseName() {
		return this.name + "_pause";
	}

	/**
	 * Return a statement with every {@code {table}} replaced by the table name, and every
	 * {@code {pause_table}} by the pause table's.
	 * @param sql the statement
	 * @return the statement for this table
	 */
	String sql(String sql) {
		return sql.replace("{table}", this.name).replace("{pause_table}", pauseName());
	}

	/**
	 * Split ids into lists of at most {@link #MAX_IDS_PER_STATEMENT}.
	 * @param ids the ids
	 * @return the lists, none of them empty
	 */
	static List<List<String>> chunks(Collection<String> ids) {
		List<String> all = List.copyOf(ids);
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += MAX_IDS_PER_STATEMENT) {
			chunks.add(all.subList(from, Math.min(all.size(), from + MAX_IDS_PER_STATEMENT)));
		}
		return chunks;
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
		Instant value = instant(rs, column);
		if (value == null) {
			throw new IllegalStateException("Column " + column + " is null in a row of the work table");
		}
		return value;
	}

}
