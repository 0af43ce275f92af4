package io.github.backgroundwork.jdbc;

import java.time.Duration;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention keeps up: a backlog of ended rows far larger than one batch is deleted within
 * a time budget, batch after batch, live rows and rows within the retention kept; a
 * budget that is spent stops after the batch that spent it; each outcome is kept for its
 * own retention.
 */
abstract class AbstractRetentionTests {

	static final int ENDED = 20_000;

	abstract TestDatabase database();

	private JdbcWorkStore store;

	@BeforeEach
	void setUp() {
		database().clear();
		this.store = database().store();
	}

	@Test
	void aBacklogOfEndedRowsIsDeletedWithinItsTimeBudget() {
		insertEnded(database(), ENDED, 2);
		insertEnded(database(), 50, 0);
		this.store.insert(item("live"));
		assertThat(this.store.deleteFinished(Duration.ofDays(1), 1000, Duration.ofMinutes(2))).isEqualTo(ENDED);
		assertThat(this.store.reader().countUpTo(StoredState.SUCCEEDED, null, 100_000)).as("within the retention")
			.isEqualTo(50);
		assertThat(this.store.reader().countUpTo(StoredState.QUEUED, null, 10)).as("live").isOne();
	}

	@Test
	void aSpentBudgetStopsAfterOneBatch() {
		insertEnded(database(), 5_000, 2);
		assertThat(this.store.deleteFinished(Duration.ofDays(1), 1000, Duration.ZERO)).isEqualTo(1000);
		assertThat(this.store.deleteFinishedBatch(Duration.ofDays(1), 1000)).isEqualTo(1000);
		assertThat(this.store.deleteFinished(Duration.ofDays(1), 1000)).isEqualTo(3000);
	}

	@Test
	void failuresOutliveTheRetentionOfSuccesses() {
		// More than a batch of each, older than the successes' retention
		insertEnded(database(), 1500, 2, "SUCCEEDED");
		insertEnded(database(), 1500, 2, "FAILED");
		insertEnded(database(), 1500, 2, "CANCELLED");
		insertEnded(database(), 10, 40, "FAILED");
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.threadNamePrefix("retention-")
			.handlers(WorkHandlers.of(new DurableHandlers()))
			.durableWork(JdbcDurableWork.builder(database().dataSource(), this.store, JsonMapper.shared())
				.pollInterval(Duration.ofMillis(200))
				.retention(new WorkRetention(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)))
				.factory())
			.build();
		try {
			queue.start();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> count(StoredState.SUCCEEDED) == 0 && count(StoredState.FAILED) == 1500);
			assertThat(count(StoredState.CANCELLED)).as("within the cancellations' retention").isEqualTo(1500);
		}
		finally {
			queue.stop();
		}
		assertThat(count(StoredState.FAILED)).as("within the failures' retention").isEqualTo(1500);
		assertThat(this.store.reader().findById("FAILED-e40-1")).as("past the failures' retention").isEmpty();
	}

	private long count(StoredState state) {
		return this.store.reader().countUpTo(state, null, 100_000);
	}

	/**
	 * Insert rows that ended some days ago, in one statement, oldest first.
	 */
	static void insertEnded(TestDatabase database, int rows, int daysAgo) {
		insertEnded(database, rows, daysAgo, "SUCCEEDED");
	}

	/**
	 * Insert rows that ended in a state some days ago, in one statement, oldest first.
	 */
	static void insertEnded(TestDatabase database, int rows, int daysAgo, String state) {
		JdbcTemplate jdbc = database.jdbc();
		String prefix = (state.equals("SUCCEEDED") ? "" : state + "-") + "e" + daysAgo + "-";
		if (database.isPostgres()) {
			jdbc.update("""
					INSERT INTO background_work (id, name, payload, payload_type, state, attempts, max_retries,
					    not_before, enqueued_at, started_at, finished_at)
					SELECT ? || g, 'ended', '{}', 'T', ?, 1, 0, t, t, t, t + g * INTERVAL '1 millisecond'
					FROM generate_series(1, ?) g, (SELECT now() - ? * INTERVAL '1 day' - INTERVAL '1 hour' AS t) s""",
					prefix, state, rows, daysAgo);
		}
		else {
			jdbc.update("""
					INSERT INTO background_work (id, name, payload, payload_type, state, attempts, max_retries,
					    not_before, enqueued_at, started_at, finished_at)
					SELECT ? || X, 'ended', '{}', 'T', ?, 1, 0, t, t, t, DATEADD(MILLISECOND, X, t)
					FROM SYSTEM_RANGE(1, ?), (SELECT DATEADD(HOUR, -1, DATEADD(DAY, -?, CURRENT_TIMESTAMP)) AS t) s""",
					prefix, state, rows, daysAgo);
		}
	}

}
