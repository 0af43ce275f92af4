package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history of stored items on embedded PostgreSQL.
 */
class PostgresStoredHistoryTests extends AbstractStoredHistoryTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
