package io.github.backgroundwork.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim's plan on PostgreSQL cannot degrade: after the table was analysed while empty
 * and then flooded, the claim still walks the due index in order and reads no more rows
 * than its limit.
 */
class PostgresClaimPlanTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Test
	void claimReadsOnlyItsBatchAfterTheTableWasAnalysedWhileEmptyAndFlooded() {
		database.jdbc().execute("ANALYZE background_work");
		JdbcWorkStore store = database.store();
		List<NewWork> items = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			items.add(Items.item("flood"));
		}
		store.insertAll(items);
		String explain = "EXPLAIN (ANALYZE, FORMAT TEXT) "
				+ JdbcWorkDialect.withNames(PostgresWorkDialect.CLAIM, List.of("flood", "other"))
					.replace("{table}", "background_work")
					.replace(":names", "'flood', 'other'")
					.replace(":limit", "8")
					.replace(":owner", "'a'")
					.replace("{now+:lease}", "statement_timestamp()");
		List<String> plan = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()))
			.execute((status) -> {
				database.jdbc().queryForList(PostgresWorkDialect.CLAIM_PLAN);
				return database.jdbc().queryForList(explain, String.class);
			});
		String text = String.join("\n", plan);
		assertThat(text).contains("Index Scan using background_work_due_idx")
			.doesNotContain("Sort")
			.doesNotContain("Bitmap")
			.doesNotContain("Seq Scan")
			.containsPattern("Index Scan using background_work_due_idx[^\\n]*actual time=[^\\n]*rows=8 ");
		assertThat(store.claim("a", 8, List.of("flood", "other"))).hasSize(8);
	}

}
