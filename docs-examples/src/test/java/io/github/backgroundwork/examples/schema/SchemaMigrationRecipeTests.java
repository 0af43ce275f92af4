package io.github.backgroundwork.examples.schema;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.examples.schema.SchemaMigrationApplication.Greeting;
import io.github.backgroundwork.examples.schema.SchemaMigrationApplication.Greetings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's recipes for a schema managed by Flyway or Liquibase, tried as a user runs
 * them: an application on a real PostgreSQL, {@code background-work.store=jdbc}, the
 * store's own initialization off, and the tables (work and pauses) created by the
 * migration tool alone; typed work then runs. Each recipe also runs twice on one
 * database, as every restart of the application does.
 */
class SchemaMigrationRecipeTests {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setOutputRedirector(Redirect.DISCARD)
			.setErrorRedirector(Redirect.DISCARD)
			.start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@Test
	void flywayRecipeCreatesTheTableAndWorkRuns() throws InterruptedException {
		String url = newDatabase();
		runTwice(url, "spring.liquibase.enabled=false");
		assertThat(new JdbcTemplate(postgres.getDatabase("postgres", databaseOf(url)))
			.queryForList("SELECT script FROM flyway_schema_history WHERE success", String.class))
			.containsExactly("db.migration.R__BackgroundWork");
	}

	@Test
	void liquibaseRecipeCreatesTheTableAndWorkRuns() throws InterruptedException {
		String url = newDatabase();
		runTwice(url, "spring.flyway.enabled=false");
		assertThat(new JdbcTemplate(postgres.getDatabase("postgres", databaseOf(url)))
			.queryForList("SELECT id FROM databasechangelog", String.class)).containsExactly("background-work-schema");
	}

	private static void runTwice(String url, String otherToolOff) throws InterruptedException {
		for (int run = 0; run < 2; run++) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SchemaMigrationApplication.class)
				.web(WebApplicationType.NONE)
				.properties("spring.datasource.url=" + url, "spring.datasource.username=postgres", otherToolOff,
						"background-work.store=jdbc", "background-work.jdbc.initialize-schema=never")
				.run()) {
				context.getBean(BackgroundWorkQueue.class)
					.enqueue(WorkRequest.builder("greeting", new Greeting("run " + run)).build());
				assertThat(context.getBean(Greetings.class).greeted.await(30, TimeUnit.SECONDS)).isTrue();
			}
		}
		assertThat(new JdbcTemplate(postgres.getDatabase("postgres", databaseOf(url)))
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'SUCCEEDED'", Integer.class))
			.isEqualTo(2);
		// The pause table comes with the same script: the store reads it at every poll
		assertThat(new JdbcTemplate(postgres.getDatabase("postgres", databaseOf(url)))
			.queryForObject("SELECT COUNT(*) FROM background_work_pause", Integer.class)).isZero();
	}

	private static String newDatabase() {
		String database = "recipe_" + databases.incrementAndGet();
		new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + database);
		return postgres.getJdbcUrl("postgres", database);
	}

	private static String databaseOf(String url) {
		return url.substring(url.lastIndexOf('/') + 1, (url.indexOf('?') > 0) ? url.indexOf('?') : url.length());
	}

}
