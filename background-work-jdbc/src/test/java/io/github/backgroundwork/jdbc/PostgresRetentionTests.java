package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention that keeps up, on PostgreSQL 17, its batches served by the finished index.
 */
class PostgresRetentionTests extends AbstractRetentionTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

	@Test
	void aBatchWalksTheFinishedIndexWhenTheStatisticsSayTheTableIsAllEndedRows() {
		database.clear();
		insertEnded(database, ENDED, 2);
		database.jdbc().execute("ANALYZE background_work");
		String sql = "EXPLAIN " + new PostgresWorkDialect().sql(new WorkTable(WorkTable.DEFAULT_NAME),
				new PostgresWorkDialect().deleteFinishedBatch());
		List<String> plan = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()))
			.execute((status) -> {
				status.setRollbackOnly();
				database.jdbc().queryForList(PostgresWorkDialect.DELETE_PLAN);
				return new NamedParameterJdbcTemplate(database.jdbc()).queryForList(sql,
						Map.of("retention", Duration.ofDays(1).toMillis(), "batch", 5000), String.class);
			});
		assertThat(String.join("\n", plan)).contains("background_work_finished_idx")
			.doesNotContain("Seq Scan")
			.doesNotContain("Bitmap");
	}

	@Test
	void aBatchOfSuccessesNeverReadsTheFailuresKeptLonger() {
		database.clear();
		// The successes' batch must not walk past these: older than its retention, but
		// kept for the failures' own
		insertEnded(database, ENDED, 2, "FAILED");
		insertEnded(database, 100, 3);
		database.jdbc().execute("ANALYZE background_work");
		String sql = "EXPLAIN (ANALYZE, BUFFERS) " + new PostgresWorkDialect()
			.sql(new WorkTable(WorkTable.DEFAULT_NAME), new PostgresWorkDialect().deleteEndedBatch());
		List<String> plan = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()))
			.execute((status) -> {
				status.setRollbackOnly();
				database.jdbc().queryForList(PostgresWorkDialect.DELETE_PLAN);
				return new NamedParameterJdbcTemplate(database.jdbc()).queryForList(sql,
						Map.of("state", "SUCCEEDED", "retention", Duration.ofDays(1).toMillis(), "batch", 1000),
						String.class);
			});
		String text = String.join("\n", plan);
		assertThat(text).contains("background_work_state_finished_idx")
			.doesNotContain("Seq Scan")
			.doesNotContain("Bitmap");
		// The index scan returned the 100 successes, not the 20,000 failures before them
		assertThat(text).containsPattern("Index Scan using background_work_state_finished_idx.*rows=100 loops=1");
	}

}
