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

}
