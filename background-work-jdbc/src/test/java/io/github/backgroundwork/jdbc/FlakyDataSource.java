package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that refuses connections while told to, as a database that is down or
 * unreachable does, and counts every connection asked for.
 */
final class FlakyDataSource extends DelegatingDataSource {

	static final String REFUSED = "Connection refused (simulated outage)";

	private final AtomicInteger asked = new AtomicInteger();

	private volatile boolean failing;

	private volatile CountDownLatch stall = new CountDownLatch(0);

	FlakyDataSource(DataSource target) {
		super(target);
	}

	void failing(boolean failing) {
		this.failing = failing;
	}

	/**
	 * Hold every connection asked for until {@link #answer()}, as a pool waiting for a
	 * database that restarts does: nothing fails, statements only take long.
	 */
	void stall() {
		this.stall = new CountDownLatch(1);
	}

	void answer() {
		this.stall.countDown();
	}

	int asked() {
		return this.asked.get();
	}

	@Override
	public Connection getConnection() throws SQLException {
		this.asked.incrementAndGet();
		awaitAnswer();
		if (this.failing) {
			throw new SQLTransientConnectionException(REFUSED);
		}
		return super.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		this.asked.incrementAndGet();
		if (this.failing) {
			throw new SQLTransientConnectionException(REFUSED);
		}
		return super.getConnection(username, password);
	}

	private void awaitAnswer() throws SQLException {
		try {
			if (!this.stall.await(60, TimeUnit.SECONDS)) {
				throw new SQLTransientConnectionException("Connection not available (simulated stall)");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLTransientConnectionException("Interrupted while waiting for a connection", ex);
		}
	}

}
