package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operator actions on stored work on H2.
 */
class H2OperatorActionsTests extends AbstractOperatorActionsTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Override
	TestDatabase database() {
		return database;
	}

}
