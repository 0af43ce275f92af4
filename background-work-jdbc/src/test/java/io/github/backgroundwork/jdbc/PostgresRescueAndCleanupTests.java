package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rescue and cleanup on PostgreSQL 17.
 */
class PostgresRescueAndCleanupTests extends AbstractRescueAndCleanupTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
