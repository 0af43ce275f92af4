package io.github.backgroundwork.jdbc;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Deletes ended items once they are older than the retention, a bounded batch per
 * statement and transaction so that no statement holds many locks or runs long. Each
 * batch reads the oldest ended rows from the finished index, in its order, so that its
 * cost is the batch's, not the table's: it never scans the table, however much history it
 * keeps or how many dead rows earlier batches left.
 */
final class WorkCleaner {

	/**
	 * How long one batch may run before the driver cancels it; a batch served by the
	 * index takes milliseconds.
	 */
	static final int QUERY_TIMEOUT_SECONDS = 30;

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final StoreTransactions transactions;

	/**
	 * Create a cleaner.
	 * @param client a client whose statements time out after
	 * {@link #QUERY_TIMEOUT_SECONDS}
	 */
	WorkCleaner(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, StoreTransactions transactions) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.transactions = transactions;
	}

	/**
	 * Delete ended items older than the retention, at most {@code batchSize} of them, in
	 * a transaction of its own.
	 * @param retention how long ended items are kept
	 * @param batchSize the most rows to delete
	 * @return how many rows were deleted: fewer than {@code batchSize} when no more are
	 * due
	 */
	int deleteBatch(Duration retention, int batchSize) {
		Assert.isTrue(retention != null && !retention.isNegative(),
				() -> "retention must not be negative, was " + retention);
		Assert.isTrue(batchSize > 0, () -> "batchSize must be positive, was " + batchSize);
		String plan = this.dialect.deletePlan();
		return this.transactions.own(() -> {
			if (plan != null) {
				this.client.sql(plan).query().listOfRows();
			}
			return this.client.sql(this.dialect.sql(this.table, this.dialect.deleteFinishedBatch()))
				.param("retention", retention.toMillis())
				.param("batch", batchSize)
				.update();
		});
	}

	/**
	 * Delete items that ended in one state longer ago than its retention, at most
	 * {@code batchSize} of them, in a transaction of its own.
	 * @param state an ended state
	 * @param retention how long items that ended in it are kept
	 * @param batchSize the most rows to delete
	 * @return how many rows were deleted: fewer than {@code batchSize} when no more are
	 * due
	 */
	int deleteBatch(StoredState state, Duration retention, int batchSize) {
		Assert.isTrue(state == StoredState.SUCCEEDED || state == StoredState.CANCELLED || state == StoredState.FAILED,
				() -> "state must be an ended one, was " + state);
		Assert.isTrue(retention != null && !retention.isNegative(),
				() -> "retention must not be negative, was " + retention);
		Assert.isTrue(batchSize > 0, () -> "batchSize must be positive, was " + batchSize);
		String plan = this.dialect.deletePlan();
		return this.transactions.own(() -> {
			if (plan != null) {
				this.client.sql(plan).query().listOfRows();
			}
			return this.client.sql(this.dialect.sql(this.table, this.dialect.deleteEndedBatch()))
				.param("state", state.name())
				.param("retention", retention.toMillis())
				.param("batch", batchSize)
				.update();
		});
	}

	/**
	 * Delete every ended item older than the retention, one batch per statement.
	 * @param retention how long ended items are kept
	 * @param batchSize the most rows one statement deletes
	 * @return how many rows were deleted in all
	 */
	int deleteAll(Duration retention, int batchSize) {
		return deleteAll(retention, batchSize, null);
	}

	/**
	 * Delete ended items older than the retention, one batch per statement, while a batch
	 * finds a full batch to delete and the time budget lasts.
	 * @param retention how long ended items are kept
	 * @param batchSize the most rows one statement deletes
	 * @param timeBudget how long to go on starting batches, or {@code null} for as long
	 * as rows are left; one batch runs at least
	 * @return how many rows were deleted in all
	 */
	int deleteAll(Duration retention, int batchSize, @Nullable Duration timeBudget) {
		Assert.isTrue(timeBudget == null || !timeBudget.isNegative(),
				() -> "timeBudget must not be negative, was " + timeBudget);
		long start = System.nanoTime();
		int total = 0;
		int deleted;
		do {
			deleted = deleteBatch(retention, batchSize);
			total += deleted;
		}
		while (deleted == batchSize && (timeBudget == null || System.nanoTime() - start < timeBudget.toNanos()));
		return total;
	}

}
