package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rescuer takes back the items of a dead instance after its lease; the cleaner
 * deletes old ended rows in bounded batches.
 */
abstract class AbstractRescueAndCleanupTests {

	abstract TestDatabase database();

	private JdbcWorkStore store;

	@BeforeEach
	void setUp() {
		database().clear();
		this.store = database().store(Duration.ofSeconds(1));
	}

	@Test
	void itemsOfADeadInstanceAreQueuedAgainAfterTheLeaseAndTheAttemptCounts() {
		// A lease no pause of a slow machine outlasts between the claim and the first
		// rescue
		JdbcWorkStore store = database().store(Duration.ofSeconds(3));
		NewWork item = item("n", "k", 3);
		store.insert(item);
		store.claim("dead-instance", 1);
		assertThat(store.rescueExpired()).as("lease still running").isEqualTo(new RescueResult(0, List.of()));
		await().atMost(Duration.ofSeconds(20)).until(() -> store.rescueExpired(), (result) -> result.requeued() == 1);
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.QUEUED);
			assertThat(row.attempts()).isOne();
			assertThat(row.owner()).isNull();
		});
		assertThat(this.store.insert(item("n", "k")).duplicate()).as("a rescued item keeps its key").isTrue();
		assertThat(this.store.complete("dead-instance", List.of(item.id()))).as("the dead owner lost its claim")
			.isEmpty();
		assertThat(this.store.claim("survivor", 1)).extracting(ClaimedWork::attempts).containsExactly(2);
	}

	@Test
	void itemOfADeadInstanceWhoseCancellationWasRequestedEndsCancelled() {
		NewWork item = item("n", "k", 3);
		this.store.insert(item);
		this.store.claim("dead-instance", 1);
		assertThat(this.store.requestCancellation(item.id())).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.store.rescueExpired() != null
					&& this.store.reader().findById(item.id()).get().state() == StoredState.CANCELLED);
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.finishedAt()).isNotNull();
			assertThat(row.leaseUntil()).isNull();
		});
		assertThat(this.store.insert(item("n", "k")).duplicate()).as("a cancelled item frees its key").isFalse();
	}

	@Test
	void itemThatKeepsKillingItsInstanceFailsAfterItsAttempts() {
		NewWork item = item("poison", "k", 1);
		this.store.insert(item);
		for (int attempt = 1; attempt <= 2; attempt++) {
			assertThat(this.store.claim("instance-" + attempt, 1)).extracting(ClaimedWork::attempts)
				.containsExactly(attempt);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.store.rescueExpired(),
						(result) -> result.requeued() == 1 || result.failed().contains(item.id()));
		}
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.FAILED);
			assertThat(row.attempts()).isEqualTo(2);
			assertThat(row.finishedAt()).isNotNull();
			assertThat(row.error()).isEqualTo("The instance instance-2 running attempt 2 of 2 stopped without "
					+ "finishing it (its lease expired), and no attempt is left");
		});
		assertThat(this.store.insert(item("poison", "k")).duplicate()).as("a failed item frees its key").isFalse();
	}

	@Test
	void renewedLeaseIsNotRescued() {
		// A lease no pause of a slow machine outlasts between two renewals
		JdbcWorkStore store = database().store(Duration.ofSeconds(3));
		NewWork item = item("n");
		store.insert(item);
		store.claim("alive", 1);
		// Renewed every 200 ms for longer than two leases: never taken back meanwhile
		await().during(Duration.ofSeconds(7))
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> store.renew("alive", List.of(item.id())).held().contains(item.id())
					&& store.rescueExpired().requeued() == 0);
		assertThat(store.reader().findById(item.id()).get().state()).isEqualTo(StoredState.RUNNING);
	}

	@Test
	void cleanupDeletesEndedRowsOlderThanTheRetentionInBatches() {
		List<NewWork> items = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			items.add(item("n"));
		}
		NewWork waiting = item("n");
		NewWork running = item("n");
		this.store.insertAll(items);
		List<String> ids = this.store.claim("a", 25).stream().map(ClaimedWork::id).toList();
		this.store.complete("a", ids);
		this.store.insertAll(List.of(waiting, running));
		this.store.claim("a", 1);
		assertThat(this.store.deleteFinishedBatch(Duration.ofDays(7), 10)).as("nothing older than 7 days").isZero();
		assertThat(this.store.deleteFinishedBatch(Duration.ZERO, 10)).isEqualTo(10);
		assertThat(this.store.reader().countUpTo(StoredState.SUCCEEDED, null, 10_000)).isEqualTo(15);
		assertThat(this.store.deleteFinished(Duration.ZERO, 10)).isEqualTo(15);
		assertThat(this.store.reader().countUpTo(null, null, 10_000)).as("live rows are kept").isEqualTo(2);
	}

}
