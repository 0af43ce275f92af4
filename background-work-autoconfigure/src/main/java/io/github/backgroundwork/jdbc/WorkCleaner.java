package io.github.backgroundwork.jdbc;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Deletes ended items once they are older than the retention, a bounded batch per
 * statement so that no statement holds many locks or runs long.
 */
final class WorkCleaner {

	private static final String DELETE_BATCH = """
			DELETE FROM {table} WHERE id IN (
			    SELECT id FROM {table} WHERE finished_at < {now-:retention} LIMIT :batch)""";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final StoreTransactions transactions;

	WorkCleaner(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, StoreTransactions transactions) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.transactions = transactions;
	}

	/**
	 * Delete ended items older than the retention, at most {@code batchSize} of them.
	 * @param retention how long ended items are kept
	 * @param batchSize the most rows to delete
	 * @return how many rows were deleted: fewer than {@code batchSize} when no more are
	 * due
	 */
	int deleteBatch(Duration retention, int batchSize) {
		Assert.isTrue(retention != null && !retention.isNegative(),
				() -> "retention must not be negative, was " + retention);
		Assert.isTrue(batchSize > 0, () -> "batchSize must be positive, was " + batchSize);
		return this.transactions.own(() -> this.client.sql(this.dialect.sql(this.table, DELETE_BATCH))
			.param("retention", retention.toMillis())
			.param("batch", batchSize)
			.update());
	}

	/**
	 * Delete every ended item older than the retention, one batch per statement.
	 * @param retention how long ended items are kept
	 * @param batchSize the most rows one statement deletes
	 * @return how many rows were deleted in all
	 */
	int deleteAll(Duration retention, int batchSize) {
		int total = 0;
		int deleted;
		do {
			deleted = deleteBatch(retention, batchSize);
			total += deleted;
		}
		while (deleted == batchSize);
		return total;
	}

}
