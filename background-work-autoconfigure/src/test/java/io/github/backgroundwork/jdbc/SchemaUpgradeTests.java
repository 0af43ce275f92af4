package io.github.backgroundwork.jdbc;

import java.util.List;

import io.github.backgroundwork.autoconfigure.BackgroundWorkDataSourceScriptDatabaseInitializer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table created by a version without queues, diagnostic context nor unreadable items is
 * brought up to date by the schema script, on both databases: its rows get the
 * auto-configured queue and are claimed as before, and its due index is replaced.
 */
class SchemaUpgradeTests {

	@RegisterExtension
	static final TestDatabase postgres = TestDatabase.postgres();

	/**
	 * The table as version 0.2.0 created it, but for the indexes the claim does not use.
	 */
	private static final String OLD_TABLE = """
			CREATE TABLE background_work (
				id VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, work_key VARCHAR(1000),
				live_key VARCHAR(1000), payload %1$s NOT NULL, payload_type VARCHAR(500) NOT NULL,
				state VARCHAR(16) NOT NULL, attempts INTEGER DEFAULT 0 NOT NULL, max_retries INTEGER NOT NULL,
				not_before TIMESTAMP WITH TIME ZONE NOT NULL, owner VARCHAR(200), lease_until TIMESTAMP WITH TIME ZONE,
				enqueued_at TIMESTAMP WITH TIME ZONE NOT NULL, started_at TIMESTAMP WITH TIME ZONE,
				finished_at TIMESTAMP WITH TIME ZONE, error %1$s, trace_context VARCHAR(4000),
				cancel_requested BOOLEAN DEFAULT FALSE NOT NULL)""";

	private static final String OLD_ROW = """
			INSERT INTO background_work (id, name, payload, payload_type, state, max_retries, not_before, enqueued_at)
			VALUES ('old', 'mail', '{}', 'T', 'QUEUED', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""";

	@Test
	void aPostgresqlTableOfAnEarlierVersionIsUpgraded() {
		JdbcTemplate jdbc = postgres.jdbc();
		jdbc.execute("DROP TABLE background_work");
		jdbc.execute(OLD_TABLE.formatted("TEXT"));
		jdbc.execute("CREATE INDEX background_work_due_idx ON background_work (not_before) "
				+ "WHERE state IN ('QUEUED', 'SCHEDULED')");
		jdbc.update(OLD_ROW);
		postgres.initializeSchema();
		assertThat(
				jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'background_work'", String.class))
			.contains("background_work_queue_due_idx")
			.doesNotContain("background_work_due_idx");
		assertUpgraded(JdbcWorkStore.builder(postgres.dataSource()).build());
	}

	@Test
	void anH2TableOfAnEarlierVersionIsUpgraded() {
		SimpleDriverDataSource h2 = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:upgrade;DB_CLOSE_DELAY=-1");
		JdbcTemplate jdbc = new JdbcTemplate(h2);
		try {
			jdbc.execute(OLD_TABLE.formatted("CHARACTER LARGE OBJECT"));
			jdbc.execute("CREATE INDEX background_work_due_idx ON background_work (state, not_before)");
			jdbc.update(OLD_ROW);
			new BackgroundWorkDataSourceScriptDatabaseInitializer(h2,
					InitializationProperties.of(DatabaseInitializationMode.ALWAYS))
				.initializeDatabase();
			assertThat(jdbc.queryForList(
					"SELECT LOWER(index_name) FROM information_schema.indexes WHERE LOWER(table_name) = 'background_work'",
					String.class))
				.contains("background_work_queue_due_idx")
				.doesNotContain("background_work_due_idx");
			assertUpgraded(JdbcWorkStore.builder(h2).build());
		}
		finally {
			jdbc.execute("SHUTDOWN");
		}
	}

	private static void assertUpgraded(JdbcWorkStore store) {
		List<ClaimedWork> claimed = store.claim("a", 10);
		assertThat(claimed).extracting(ClaimedWork::id).containsExactly("old");
		assertThat(claimed.get(0).context()).isNull();
		assertThat(store.releaseUnreadable("a", "old", "no handler")).isTrue();
		assertThat(store.reader().findById("old").get().unreadableReason()).isEqualTo("no handler");
		assertThat(store.insert(Items.item("mail").withContext("{}").withQueue("other")).duplicate()).isFalse();
	}

}
