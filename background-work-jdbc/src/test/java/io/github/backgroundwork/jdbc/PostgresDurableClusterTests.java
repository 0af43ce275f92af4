package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several instances on one PostgreSQL database.
 */
class PostgresDurableClusterTests extends AbstractDurableClusterTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
