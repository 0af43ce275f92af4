package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operator actions on stored work on embedded PostgreSQL.
 */
class PostgresOperatorActionsTests extends AbstractOperatorActionsTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
