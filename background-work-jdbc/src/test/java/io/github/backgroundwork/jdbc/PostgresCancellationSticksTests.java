package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cancellations that stick on PostgreSQL 17.
 */
class PostgresCancellationSticksTests extends AbstractCancellationSticksTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
