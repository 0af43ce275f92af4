package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stored work handed back at shutdown, on H2.
 */
class H2ShutdownHandBackTests extends AbstractShutdownHandBackTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Override
	TestDatabase database() {
		return database;
	}

}
