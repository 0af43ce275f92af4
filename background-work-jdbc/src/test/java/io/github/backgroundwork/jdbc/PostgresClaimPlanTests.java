package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim's plan on PostgreSQL cannot degrade: after the table was analysed while empty
 * and then flooded, the claim still walks the due index in order and reads no more rows
 * than its limit, with or without limits per name.
 */
class PostgresClaimPlanTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Test
	void claimReadsOnlyItsBatchAfterTheTableWasAnalysedWhileEmptyAndFlooded() {
		database.jdbc().update("DELETE FROM background_work");
		database.jdbc().execute("ANALYZE background_work");
		JdbcWorkStore store = database.store();
		List<NewWork> items = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			items.add(Items.item("flood"));
		}
		store.insertAll(items);
		String text = explain(ClaimRequest.of(JdbcWorkStore.DEFAULT_QUEUE, 8, List.of("flood", "other")));
		assertThat(text).contains("Index Scan using background_work_queue_due_idx")
			.doesNotContain("Sort")
			.doesNotContain("Bitmap")
			.doesNotContain("Seq Scan")
			.containsPattern("Index Scan using background_work_queue_due_idx[^\\n]*actual time=[^\\n]*rows=8 ");
		assertThat(store.claim("a", 8, List.of("flood", "other"))).hasSize(8);
	}

	@Test
	void claimWithNameLimitsWalksTheDueIndexOncePerPartAndReadsOnlyItsBatches() {
		database.jdbc().update("DELETE FROM background_work");
		database.jdbc().execute("ANALYZE background_work");
		JdbcWorkStore store = database.store();
		List<NewWork> items = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			items.add(Items.item((i % 2 == 0) ? "slow" : "fast"));
		}
		store.insertAll(items);
		ClaimRequest request = new ClaimRequest(JdbcWorkStore.DEFAULT_QUEUE, 8, List.of("slow", "fast"),
				Map.of("slow", 1), Set.of("excluded"));
		String text = explain(request);
		assertThat(text).doesNotContain("Bitmap").doesNotContain("Seq Scan");
		assertThat(text.split("Index Scan using background_work_queue_due_idx", -1)).as("one index walk per part")
			.hasSize(3);
		assertThat(text)
			.containsPattern("Index Scan using background_work_queue_due_idx[^\\n]*actual time=[^\\n]*rows=1 ")
			.containsPattern("Index Scan using background_work_queue_due_idx[^\\n]*actual time=[^\\n]*rows=8 ");
		assertThat(store.claim("a", request)).extracting(ClaimedWork::name).containsOnlyOnce("slow").hasSize(8);
	}

	/**
	 * Run the claim of a request under {@code EXPLAIN ANALYZE}, rolled back, with the
	 * claim's planner settings.
	 */
	private static String explain(ClaimRequest request) {
		ClaimParts parts = new ClaimParts(request);
		String sql = "EXPLAIN (ANALYZE, FORMAT TEXT) " + new PostgresWorkDialect()
			.sql(new WorkTable(WorkTable.DEFAULT_NAME), PostgresWorkDialect.claim(parts));
		Map<String, Object> parameters = new HashMap<>(parts.parameters());
		parameters.put("owner", "a");
		parameters.put("lease", 1000L);
		List<String> plan = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()))
			.execute((status) -> {
				status.setRollbackOnly();
				database.jdbc().queryForList(PostgresWorkDialect.CLAIM_PLAN);
				return new NamedParameterJdbcTemplate(database.jdbc()).queryForList(sql, parameters, String.class);
			});
		return String.join("\n", plan);
	}

	@Test
	void plannerSettingsHoldForTheClaimInItsOneRoundTripAndEndWithIt() throws Exception {
		try (Connection connection = database.dataSource().getConnection()) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			List<String> during = PostgresClaim.query(jdbc, List.of(PostgresWorkDialect.CLAIM_PLAN),
					"SELECT current_setting('enable_sort') || ' ' || current_setting('enable_seqscan') || ' ' || :x",
					Map.of("x", "bound"), (rs, row) -> rs.getString(1));
			assertThat(during).containsExactly("off off bound");
			assertThat(jdbc.queryForObject("SHOW enable_sort", String.class)).isEqualTo("on");
			assertThat(connection.getAutoCommit()).isTrue();
		}
	}

	@Test
	void claimOnAConnectionOutOfAutoCommitIsCommitted() throws Exception {
		database.jdbc().update("DELETE FROM background_work");
		database.store().insert(Items.item("manual"));
		try (Connection connection = database.dataSource().getConnection()) {
			connection.setAutoCommit(false);
			try {
				JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
				List<String> claimed = PostgresClaim.query(jdbc, List.of(PostgresWorkDialect.CLAIM_PLAN),
						"UPDATE background_work SET state = 'RUNNING', owner = :owner RETURNING id",
						Map.of("owner", "manual"), (rs, row) -> rs.getString(1));
				assertThat(claimed).hasSize(1);
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
		assertThat(database.jdbc().queryForObject("SELECT owner FROM background_work", String.class))
			.as("seen from another connection: committed")
			.isEqualTo("manual");
	}

}
