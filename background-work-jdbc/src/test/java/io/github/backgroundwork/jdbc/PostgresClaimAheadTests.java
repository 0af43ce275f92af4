package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claims ahead of the free places, on embedded PostgreSQL.
 */
class PostgresClaimAheadTests extends AbstractClaimAheadTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
