package io.github.backgroundwork.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.util.Assert;

/**
 * The read side for the endpoint: counts per name and state for the whole cluster, pages
 * of items, one item by id. Every statement is served by an index and returns a bounded
 * number of rows.
 */
final class WorkReader {

	/**
	 * The most rows one page may hold.
	 */
	static final int MAX_PAGE_SIZE = 1000;

	private static final String COUNTS = "SELECT name, state, COUNT(*) AS n FROM {table} GROUP BY name, state";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	WorkReader(JdbcClient client, JdbcWorkDialect dialect, WorkTable table) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
	}

	List<WorkCount> counts() {
		List<WorkCount> counts = new ArrayList<>(this.client.sql(this.dialect.sql(this.table, COUNTS))
			.query((rs, rowNum) -> new WorkCount(rs.getString("name"), StoredState.valueOf(rs.getString("state")),
					rs.getLong("n")))
			.list());
		counts.sort(
				(a, b) -> (a.name().equals(b.name())) ? a.state().compareTo(b.state()) : a.name().compareTo(b.name()));
		return counts;
	}

	List<StoredWork> page(@Nullable StoredState state, @Nullable String name, int offset, int limit) {
		Assert.isTrue(offset >= 0, () -> "offset must not be negative, was " + offset);
		Assert.isTrue(limit >= 0 && limit <= MAX_PAGE_SIZE,
				() -> "limit must be between 0 and " + MAX_PAGE_SIZE + ", was " + limit);
		if (limit == 0) {
			return List.of();
		}
		String sql = "SELECT " + WorkTable.STORED_COLUMNS + " FROM {table}" + where(state, name)
				+ " ORDER BY enqueued_at DESC, id DESC LIMIT :limit OFFSET :offset";
		return filter(this.client.sql(this.dialect.sql(this.table, sql)), state, name).param("limit", limit)
			.param("offset", offset)
			.query(WorkTable.STORED)
			.list();
	}

	long count(@Nullable StoredState state, @Nullable String name) {
		String sql = "SELECT COUNT(*) FROM {table}" + where(state, name);
		return filter(this.client.sql(this.dialect.sql(this.table, sql)), state, name).query(Long.class).single();
	}

	Optional<StoredWork> find(String id) {
		Assert.hasText(id, "id must not be empty");
		String sql = "SELECT " + WorkTable.STORED_COLUMNS + " FROM {table} WHERE id = :id";
		return this.client.sql(this.dialect.sql(this.table, sql)).param("id", id).query(WorkTable.STORED).optional();
	}

	private static String where(@Nullable StoredState state, @Nullable String name) {
		if (state != null && name != null) {
			return " WHERE state = :state AND name = :name";
		}
		if (state != null) {
			return " WHERE state = :state";
		}
		return (name != null) ? " WHERE name = :name" : "";
	}

	private static StatementSpec filter(StatementSpec statement, @Nullable StoredState state, @Nullable String name) {
		return statement.param("state", (state != null) ? state.name() : null).param("name", name);
	}

}
