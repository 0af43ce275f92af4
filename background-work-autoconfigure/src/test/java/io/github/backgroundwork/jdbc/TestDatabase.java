package io.github.backgroundwork.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh database per test class, with the work table: on one embedded PostgreSQL 17
 * shared by every test class of the run (started on 127.0.0.1 and a free port the first
 * time a class asks, stopped when the run ends), or in an in-memory H2 database.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

	private static final Namespace NAMESPACE = Namespace.create(TestDatabase.class);

	private static final AtomicInteger databases = new AtomicInteger();

	private final boolean postgres;

	private @Nullable HikariDataSource dataSource;

	private TestDatabase(boolean postgres) {
		this.postgres = postgres;
	}

	static TestDatabase postgres() {
		return new TestDatabase(true);
	}

	static TestDatabase h2() {
		return new TestDatabase(false);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		HikariDataSource pool = new HikariDataSource();
		pool.setMaximumPoolSize(20);
		pool.setMinimumIdle(1);
		if (this.postgres) {
			EmbeddedPostgres server = context.getRoot()
				.getStore(NAMESPACE)
				.computeIfAbsent("server", (key) -> startPostgres(), EmbeddedPostgres.class);
			String database = "work_" + databases.incrementAndGet();
			new JdbcTemplate(server.getPostgresDatabase()).execute("CREATE DATABASE " + database);
			pool.setJdbcUrl(server.getJdbcUrl("postgres", database));
		}
		else {
			pool.setJdbcUrl("jdbc:h2:mem:work-" + UUID.randomUUID());
		}
		this.dataSource = pool;
		initializeSchema();
	}

	private static EmbeddedPostgres startPostgres() {
		try {
			return EmbeddedPostgres.builder()
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setOutputRedirector(Redirect.DISCARD)
				.setErrorRedirector(Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

	HikariDataSource dataSource() {
		if (this.dataSource == null) {
			throw new IllegalStateException("TestDatabase must be registered as a static @RegisterExtension field");
		}
		return this.dataSource;
	}

	boolean isPostgres() {
		return this.postgres;
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	JdbcWorkStore store() {
		return store(Duration.ofSeconds(30));
	}

	JdbcWorkStore store(Duration lease) {
		return JdbcWorkStore.builder(dataSource()).lease(lease).build();
	}

	/**
	 * Run the bundled schema script, as the auto-configuration will, whatever the
	 * database.
	 */
	void initializeSchema() {
		new BackgroundWorkDataSourceScriptDatabaseInitializer(dataSource(),
				properties(DatabaseInitializationMode.ALWAYS))
			.initializeDatabase();
	}

	/**
	 * Delete every row, between tests of one class.
	 */
	void clear() {
		jdbc().update("DELETE FROM background_work");
		jdbc().update("DELETE FROM background_work_pause");
	}

	static DatabaseInitializationProperties properties(DatabaseInitializationMode mode) {
		DatabaseInitializationProperties properties = new DatabaseInitializationProperties() {

			@Override
			public String getDefaultSchemaLocation() {
				return BackgroundWorkDataSourceScriptDatabaseInitializer.DEFAULT_SCHEMA_LOCATION;
			}

		};
		properties.setInitializeSchema(mode);
		return properties;
	}

}
