package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pause outlives the application on PostgreSQL.
 */
class PostgresPauseAcrossRestartTests extends AbstractPauseAcrossRestartTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
