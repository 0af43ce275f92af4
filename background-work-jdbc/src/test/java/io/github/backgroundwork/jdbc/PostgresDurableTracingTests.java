package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Trace contexts of durable work on embedded PostgreSQL.
 */
class PostgresDurableTracingTests extends AbstractDurableTracingTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

}
