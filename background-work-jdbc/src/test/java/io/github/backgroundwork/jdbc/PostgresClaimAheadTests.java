package io.github.backgroundwork.jdbc;

import java.time.Duration;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims ahead of the free places, on embedded PostgreSQL, where a claim and the
 * successes riding on it are one statement, one connection and one commit.
 */
class PostgresClaimAheadTests extends AbstractClaimAheadTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Override
	TestDatabase database() {
		return database;
	}

	@Test
	void quickWorkIsClaimedFarAheadSoThatFewerCommitsSetThePace() {
		int items = 2000;
		DefaultBackgroundWorkQueue queue = queue("ahead-a-");
		enqueue(queue, items);
		this.borrowed.set(0);
		queue.start();
		await().atMost(Duration.ofSeconds(120)).until(() -> count("SUCCEEDED") == items);
		// Claiming at most 4 times the concurrency ahead (before), a claim took at most 5
		// times the concurrency's worth of rows: at least items / (5 * CONCURRENCY)
		// claims,
		// each a connection and a commit (a flush to disk under production settings)
		assertThat(this.borrowed.get()).as("connections borrowed by the store").isLessThan(items / (5 * CONCURRENCY));
		assertThat(this.steps.completed).hasSize(items).allSatisfy((n, runs) -> assertThat(runs).isOne());
	}

}
