package io.github.backgroundwork.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claims ahead of the free places, on embedded H2.
 */
class H2ClaimAheadTests extends AbstractClaimAheadTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Override
	TestDatabase database() {
		return database;
	}

}
