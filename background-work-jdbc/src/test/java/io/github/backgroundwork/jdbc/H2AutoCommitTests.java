package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes committed whatever the pool's auto-commit, on H2.
 */
class H2AutoCommitTests extends AbstractAutoCommitTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Override
	TestDatabase database() {
		return database;
	}

}
