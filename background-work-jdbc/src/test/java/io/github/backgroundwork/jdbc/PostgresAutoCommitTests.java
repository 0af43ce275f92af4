package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes committed whatever the pool's auto-commit, on PostgreSQL 17.
 */
class PostgresAutoCommitTests extends AbstractAutoCommitTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
