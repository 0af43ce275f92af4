package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The check of the work table at startup on PostgreSQL.
 */
class PostgresWorkTableVerifierTests extends AbstractWorkTableVerifierTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
