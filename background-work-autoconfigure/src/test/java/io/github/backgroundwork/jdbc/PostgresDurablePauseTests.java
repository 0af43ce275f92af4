package io.github.backgroundwork.jdbc;

import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pauses of stored work on one PostgreSQL database shared by several instances.
 */
class PostgresDurablePauseTests extends AbstractDurablePauseTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

	@Override
	Duration pollInterval() {
		return Duration.ofSeconds(10);
	}

}
