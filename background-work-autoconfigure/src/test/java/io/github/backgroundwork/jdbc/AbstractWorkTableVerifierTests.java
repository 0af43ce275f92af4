package io.github.backgroundwork.jdbc;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.github.backgroundwork.autoconfigure.BackgroundWorkAutoConfiguration;
import io.github.backgroundwork.autoconfigure.BackgroundWorkJdbcAutoConfiguration;
import io.github.backgroundwork.jdbc.WorkTableVerifier.InvalidWorkTableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that a missing or incomplete work table fails startup once, naming the table, its
 * missing columns and the script to run, instead of failing every claim.
 */
abstract class AbstractWorkTableVerifierTests {

	abstract TestDatabase database();

	private ApplicationContextRunner contextRunner() {
		// Not the pool itself, which the context would close
		DataSource dataSource = new DelegatingDataSource(database().dataSource());
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkJdbcAutoConfiguration.class))
			.withBean(DataSource.class, () -> dataSource)
			.withPropertyValues("background-work.store=jdbc", "background-work.jdbc.initialize-schema=never");
	}

	private String script() {
		return "classpath:io/github/backgroundwork/jdbc/schema-" + (database().isPostgres() ? "postgresql" : "h2")
				+ ".sql";
	}

	@AfterEach
	void restoreTable() {
		database().initializeSchema();
		database().jdbc().execute("DROP TABLE IF EXISTS old_work");
	}

	@Test
	void startupFailsNamingTheMissingTable() {
		database().jdbc().execute("DROP TABLE background_work");
		contextRunner().run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).startsWith("The work table background_work")
				.contains("does not exist")
				.contains(script());
			assertThat(analysis.getAction()).contains("Run " + script())
				.contains("background-work.jdbc.initialize-schema=always")
				.contains("initialize-schema is never here; its default, embedded, creates the table only in an"
						+ " in-memory database")
				.contains("not in PostgreSQL, nor in an H2 file database");
		});
	}

	@Test
	void startupSucceedsOnTheTableOfTheBundledScript() {
		contextRunner().run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startupFailsNamingTheColumnsATableFromAnOlderScriptLacks() {
		createTableWithout("trace_context", "cancel_requested");
		contextRunner()
			.withBean(JdbcWorkStore.class,
					() -> JdbcWorkStore.builder(database().dataSource()).tableName("old_work").build())
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription())
					.contains("The work table old_work of durable background work lacks column(s) trace_context,"
							+ " cancel_requested: it was created by an older schema script")
					.contains("Run the updated " + script())
					.contains("ALTER TABLE");
			});
	}

	@Test
	void startupFailsNamingAMissingPauseTable() {
		database().jdbc().execute("DROP TABLE background_work_pause");
		contextRunner().run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).startsWith("The pause table background_work_pause")
				.contains("does not exist")
				.contains("run the updated " + script());
			assertThat(analysis.getAction()).contains("Run " + script());
		});
	}

	@Test
	void verifierNamesTheColumnsAPauseTableLacks() {
		createTableWithout();
		database().jdbc().execute("CREATE TABLE old_work_pause (queue VARCHAR(200), name VARCHAR(200))");
		try {
			assertThatExceptionOfType(InvalidWorkTableException.class)
				.isThrownBy(() -> new WorkTableVerifier(database().dataSource(), "old_work").verify())
				.withMessageContaining("The pause table old_work_pause of durable background work lacks column(s)"
						+ " paused_at, paused_by: ");
		}
		finally {
			database().jdbc().execute("DROP TABLE old_work_pause");
		}
	}

	@Test
	void verifierChecksEveryColumnOfThePauseTable() {
		ResultSetExtractor<List<String>> columns = (rs) -> {
			List<String> names = new ArrayList<>();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
				names.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
			}
			return names;
		};
		assertThat(database().jdbc().query("SELECT * FROM background_work_pause WHERE 1 = 0", columns))
			.containsExactlyElementsOf(WorkTableVerifier.PAUSE_COLUMNS);
	}

	@Test
	void verifierNamesEveryMissingColumn() {
		createTableWithout("payload", "state");
		assertThatExceptionOfType(InvalidWorkTableException.class)
			.isThrownBy(() -> new WorkTableVerifier(database().dataSource(), "old_work").verify())
			.withMessageContaining("lacks column(s) payload, state: ")
			.satisfies((ex) -> assertThat(ex.script()).isEqualTo(script()));
	}

	@Test
	void verifierChecksEveryColumnOfTheBundledScript() {
		ResultSetExtractor<List<String>> columns = (rs) -> {
			ResultSetMetaData metaData = rs.getMetaData();
			List<String> names = new ArrayList<>();
			for (int i = 1; i <= metaData.getColumnCount(); i++) {
				names.add(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT));
			}
			return names;
		};
		assertThat(database().jdbc().query("SELECT * FROM background_work WHERE 1 = 0", columns))
			.as("WorkTableVerifier.COLUMNS must list every column of the scripts")
			.containsExactlyElementsOf(WorkTableVerifier.COLUMNS);
	}

	/**
	 * Create a table of every column the store needs but some, as an older script would.
	 */
	private void createTableWithout(String... missing) {
		List<String> columns = new ArrayList<>();
		for (String column : WorkTableVerifier.COLUMNS) {
			if (!List.of(missing).contains(column)) {
				columns.add(column + " VARCHAR(100)");
			}
		}
		database().jdbc().execute("CREATE TABLE old_work (" + String.join(", ", columns) + ")");
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof FailureAnalyzedException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("an analyzed cause of %s", context.getStartupFailure()).isNotNull();
		return ((FailureAnalyzedException) failure).analysis();
	}

}
