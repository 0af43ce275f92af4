package io.github.backgroundwork.jdbc;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention keeps up: a backlog of ended rows far larger than one batch is deleted within
 * a time budget, batch after batch, live rows and rows within the retention kept; a
 * budget that is spent stops after the batch that spent it.
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

	/**
	 * Insert rows that ended some days ago, in one statement, oldest first.
	 */
	static void insertEnded(TestDatabase database, int rows, int daysAgo) {
		JdbcTemplate jdbc = database.jdbc();
		String prefix = "e" + daysAgo + "-";
		if (database.isPostgres()) {
			jdbc.update("""
					INSERT INTO background_work (id, name, payload, payload_type, state, attempts, max_retries,
					    not_before, enqueued_at, started_at, finished_at)
					SELECT ? || g, 'ended', '{}', 'T', 'SUCCEEDED', 1, 0, t, t, t, t + g * INTERVAL '1 millisecond'
					FROM generate_series(1, ?) g, (SELECT now() - ? * INTERVAL '1 day' - INTERVAL '1 hour' AS t) s""",
					prefix, rows, daysAgo);
		}
		else {
			jdbc.update("""
					INSERT INTO background_work (id, name, payload, payload_type, state, attempts, max_retries,
					    not_before, enqueued_at, started_at, finished_at)
					SELECT ? || X, 'ended', '{}', 'T', 'SUCCEEDED', 1, 0, t, t, t, DATEADD(MILLISECOND, X, t)
					FROM SYSTEM_RANGE(1, ?), (SELECT DATEADD(HOUR, -1, DATEADD(DAY, -?, CURRENT_TIMESTAMP)) AS t) s""",
					prefix, rows, daysAgo);
		}
	}

}
