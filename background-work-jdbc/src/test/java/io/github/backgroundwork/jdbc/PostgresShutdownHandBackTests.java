package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stored work handed back at shutdown, on embedded PostgreSQL.
 */
class PostgresShutdownHandBackTests extends AbstractShutdownHandBackTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
