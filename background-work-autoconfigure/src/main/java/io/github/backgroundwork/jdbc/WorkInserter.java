package io.github.backgroundwork.jdbc;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * Inserts items in the caller's transaction, skipping live keys, and on PostgreSQL
 * notifies listeners in that same transaction, so that they hear of the items when, and
 * only if, it commits.
 */
final class WorkInserter {

	private final JdbcTemplate jdbc;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final String channel;

	WorkInserter(JdbcTemplate jdbc, JdbcWorkDialect dialect, WorkTable table, String channel) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.table = table;
		this.channel = channel;
	}

	List<InsertedWork> insert(List<NewWork> items) {
		Assert.notNull(items, "items must not be null");
		Assert.noNullElements(items, "items must not contain null");
		if (items.isEmpty()) {
			return List.of();
		}
		List<InsertedWork> outcomes = this.dialect.insert(this.jdbc, this.table, this.channel, items);
		return outcomes;
	}

}
