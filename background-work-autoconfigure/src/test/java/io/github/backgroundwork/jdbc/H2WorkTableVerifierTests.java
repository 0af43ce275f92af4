package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The check of the work table at startup on H2.
 */
class H2WorkTableVerifierTests extends AbstractWorkTableVerifierTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Override
	TestDatabase database() {
		return database;
	}

}
