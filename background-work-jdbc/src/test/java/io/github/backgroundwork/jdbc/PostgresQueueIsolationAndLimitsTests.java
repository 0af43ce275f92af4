package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queue isolation, per-name limits and rows left for another instance, on Postgres.
 */
class PostgresQueueIsolationAndLimitsTests extends AbstractQueueIsolationAndLimitsTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
