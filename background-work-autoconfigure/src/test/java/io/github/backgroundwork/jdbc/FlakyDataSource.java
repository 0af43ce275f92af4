package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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

	FlakyDataSource(DataSource target) {
		super(target);
	}

	void failing(boolean failing) {
		this.failing = failing;
	}

	int asked() {
		return this.asked.get();
	}

	@Override
	public Connection getConnection() throws SQLException {
		this.asked.incrementAndGet();
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

}
