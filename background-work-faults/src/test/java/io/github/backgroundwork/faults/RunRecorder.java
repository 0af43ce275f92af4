package io.github.backgroundwork.faults;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records each run of a handler in {@code fault_runs} of the run's own log database,
 * apart from the application's pool and database so that the faults injected into those
 * never lose a record: each write is in auto-commit, and retried for up to two minutes
 * while the database is unreachable.
 */
public final class RunRecorder implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private final String instance;

	private final HikariDataSource pool;

	private final JdbcTemplate jdbc;

	RunRecorder(String url, String instance, int size) {
		this.instance = instance;
		this.pool = new HikariDataSource();
		this.pool.setPoolName("fault-recorder");
		this.pool.setJdbcUrl(url);
		this.pool.setUsername("postgres");
		this.pool.setMaximumPoolSize(size);
		this.pool.setMinimumIdle(1);
		this.pool.setAutoCommit(true);
		this.pool.setConnectionTimeout(5_000);
		// Fail at first use rather than at startup, so that a child starts while the
		// database restarts
		this.pool.setInitializationFailTimeout(-1);
		this.jdbc = new JdbcTemplate(this.pool);
	}

	/**
	 * Record that a run of an item started.
	 * @param itemId the item's id
	 * @return the run's id
	 */
	public long started(String itemId) {
		return retried(() -> this.jdbc.queryForObject(
				"INSERT INTO fault_runs (item_id, instance, started) VALUES (?, ?, clock_timestamp()) RETURNING run_id",
				Long.class, itemId, this.instance));
	}

	/**
	 * Record that a run completed: written just before its handler returns.
	 * @param runId the run's id
	 */
	public void completed(long runId) {
		retried(() -> this.jdbc.update("UPDATE fault_runs SET completed = clock_timestamp() WHERE run_id = ?", runId));
	}

	private <T> T retried(Write<T> write) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			try {
				return write.run();
			}
			catch (DataAccessException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				pause();
			}
		}
	}

	private static void pause() {
		try {
			// The recorder's own backoff while the database is away, not synchronisation
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			// Stubborn work ignores interrupts; the record is still written
		}
	}

	@Override
	public void close() {
		this.pool.close();
	}

	@FunctionalInterface
	private interface Write<T> {

		T run();

	}

}
