package io.github.backgroundwork.jdbc;

import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pauses of stored work on one H2 database shared by several instances.
 */
class H2DurablePauseTests extends AbstractDurablePauseTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Override
	TestDatabase database() {
		return database;
	}

	@Override
	Duration pollInterval() {
		return Duration.ofMillis(300);
	}

}
