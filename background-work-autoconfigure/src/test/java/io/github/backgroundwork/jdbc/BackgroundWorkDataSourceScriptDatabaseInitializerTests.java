package io.github.backgroundwork.jdbc;

import java.util.List;

import javax.sql.DataSource;

import io.github.backgroundwork.autoconfigure.BackgroundWorkDataSourceScriptDatabaseInitializer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schema initializer resolves the platform's script the way Boot's JDBC modules do
 * and creates the work table on PostgreSQL and H2.
 */
class BackgroundWorkDataSourceScriptDatabaseInitializerTests {

	/**
	 * Every table the bundled script creates.
	 */
	private static final String[] TABLES = { "background_work", "background_work_pause", "background_work_instance",
			"background_work_recurring" };

	@RegisterExtension
	static final TestDatabase postgres = TestDatabase.postgres();

	private static void dropTables(JdbcTemplate jdbc) {
		for (String table : TABLES) {
			jdbc.execute("DROP TABLE IF EXISTS " + table);
		}
	}

	@Test
	void createsTheTableAndItsIndexesOnPostgresqlAndRunsAgainHarmlessly() {
		JdbcTemplate jdbc = postgres.jdbc();
		dropTables(jdbc);
		assertThat(initializer(postgres.dataSource(), DatabaseInitializationMode.ALWAYS).initializeDatabase()).isTrue();
		assertThat(initializer(postgres.dataSource(), DatabaseInitializationMode.ALWAYS).initializeDatabase()).isTrue();
		assertThat(
				jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'background_work'", String.class))
			.containsExactlyInAnyOrder("background_work_pkey", "background_work_live_key_idx",
					"background_work_queue_due_idx", "background_work_lease_idx", "background_work_finished_idx",
					"background_work_state_idx", "background_work_enqueued_idx", "background_work_state_finished_idx");
		assertThat(tables(jdbc, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
			.containsExactlyInAnyOrder(TABLES);
	}

	@Test
	void leavesAPostgresqlServerAloneInEmbeddedMode() {
		dropTables(postgres.jdbc());
		assertThat(initializer(postgres.dataSource(), DatabaseInitializationMode.EMBEDDED).initializeDatabase())
			.isFalse();
		assertThat(tables(postgres.jdbc(), "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
		postgres.initializeSchema();
	}

	@Test
	void createsTheTableOnAnEmbeddedH2ByDefault() {
		SimpleDriverDataSource h2 = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:initializer;DB_CLOSE_DELAY=-1");
		JdbcTemplate jdbc = new JdbcTemplate(h2);
		try {
			DatabaseInitializationProperties defaults = InitializationProperties
				.of(DatabaseInitializationMode.EMBEDDED);
			assertThat(new BackgroundWorkDataSourceScriptDatabaseInitializer(h2, defaults).initializeDatabase())
				.isTrue();
			assertThat(initializer(h2, DatabaseInitializationMode.EMBEDDED).initializeDatabase()).isTrue();
			assertThat(tables(jdbc,
					"SELECT LOWER(table_name) FROM information_schema.tables " + "WHERE table_schema = 'PUBLIC'"))
				.containsExactlyInAnyOrder(TABLES);
			assertThat(JdbcWorkStore.builder(h2).build().reader().countUpTo(null, null, 1)).isZero();
		}
		finally {
			jdbc.execute("SHUTDOWN");
		}
	}

	@Test
	void h2TableTakesWorkAfterTheConnectionThatCreatedItIsClosedAndStillChecksStates() {
		// H2 2.4.240 breaks an IN-list check once the session that created it closes
		// (h2database#4302): a pool retires that connection sooner or later
		SimpleDriverDataSource h2 = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:closed-creator;DB_CLOSE_DELAY=-1");
		JdbcTemplate jdbc = new JdbcTemplate(h2);
		try {
			assertThat(initializer(h2, DatabaseInitializationMode.ALWAYS).initializeDatabase()).isTrue();
			JdbcWorkStore store = JdbcWorkStore.builder(h2).build();
			String id = store.insert(Items.item("after-close")).id();
			assertThat(store.reader().findById(id))
				.hasValueSatisfying((row) -> assertThat(row.state()).isEqualTo(StoredState.QUEUED));
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> jdbc.update("UPDATE background_work SET state = 'LOST' WHERE id = ?", id));
			assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> jdbc
				.update("UPDATE background_work SET state = 'SUCCEEDED', live_key = 'k' WHERE id = ?", id));
		}
		finally {
			jdbc.execute("SHUTDOWN");
		}
	}

	private static List<String> tables(JdbcTemplate jdbc, String sql) {
		return jdbc.queryForList(sql, String.class);
	}

	private static BackgroundWorkDataSourceScriptDatabaseInitializer initializer(DataSource dataSource,
			DatabaseInitializationMode mode) {
		return new BackgroundWorkDataSourceScriptDatabaseInitializer(dataSource, InitializationProperties.of(mode));
	}

}
