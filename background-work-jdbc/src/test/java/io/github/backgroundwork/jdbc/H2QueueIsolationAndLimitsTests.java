package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queue isolation, per-name limits and rows left for another instance, on H2.
 */
class H2QueueIsolationAndLimitsTests extends AbstractQueueIsolationAndLimitsTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Override
	TestDatabase database() {
		return database;
	}

}
