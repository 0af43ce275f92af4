package io.github.backgroundwork.jdbc;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast retention deletes a large history on embedded PostgreSQL: 1,000,000 ended
 * rows, deleted in batches of 1,000, 5,000 and 10,000, with the time of the slowest
 * batch. Not part of the suite (its name does not end in {@code Tests}); run it with
 * {@code ./mvnw -o -pl background-work-autoconfigure test -Dtest=PostgresRetentionMeasurement -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the figures on standard output.
 */
class PostgresRetentionMeasurement {

	private static final int ROWS = 1_000_000;

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Test
	void deleteAMillionEndedRows() {
		JdbcWorkStore store = database.store();
		for (int batch : new int[] { 1_000, 5_000, 10_000 }) {
			database.clear();
			database.jdbc().execute("VACUUM background_work");
			long inserting = System.nanoTime();
			AbstractRetentionTests.insertEnded(database, ROWS, 2);
			database.jdbc().execute("ANALYZE background_work");
			long inserted = System.nanoTime();
			long slowest = 0;
			int total = 0;
			int deleted;
			do {
				long start = System.nanoTime();
				deleted = store.deleteFinishedBatch(Duration.ofDays(1), batch);
				slowest = Math.max(slowest, System.nanoTime() - start);
				total += deleted;
			}
			while (deleted == batch);
			double seconds = (System.nanoTime() - inserted) / 1e9;
			System.out.printf(
					"retention: batch %,d: inserted %,d rows in %.1f s; deleted %,d in %.1f s = %,.0f rows/s; "
							+ "slowest batch %.0f ms%n",
					batch, ROWS, (inserted - inserting) / 1e9, total, seconds, total / seconds, slowest / 1e6);
			assertThat(total).isEqualTo(ROWS);
		}
	}

}
