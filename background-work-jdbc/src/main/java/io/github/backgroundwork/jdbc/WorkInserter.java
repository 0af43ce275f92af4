package io.github.backgroundwork.jdbc;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * Inserts items in the caller's transaction (or, when none is active, in one of its own),
 * skipping live keys, and on PostgreSQL notifies listeners in that same transaction, so
 * that they hear of the items when, and only if, it commits.
 */
final class WorkInserter {

	private final JdbcTemplate jdbc;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final String channel;

	private final StoreTransactions transactions;

	WorkInserter(JdbcTemplate jdbc, JdbcWorkDialect dialect, WorkTable table, String channel,
			StoreTransactions transactions) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.table = table;
		this.channel = channel;
		this.transactions = transactions;
	}

	List<InsertedWork> insert(List<NewWork> items) {
		Assert.notNull(items, "items must not be null");
		Assert.noNullElements(items, "items must not contain null");
		if (items.isEmpty()) {
			return List.of();
		}
		return this.transactions.joinOrBegin(() -> this.dialect.insert(this.jdbc, this.table, this.channel, items));
	}

}
