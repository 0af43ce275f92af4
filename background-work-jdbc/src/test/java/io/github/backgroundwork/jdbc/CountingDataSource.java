package io.github.backgroundwork.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that counts the connections borrowed from it at once, and remembers the
 * most it ever lent.
 */
final class CountingDataSource extends DelegatingDataSource {

	private final AtomicInteger borrowed = new AtomicInteger();

	private final AtomicInteger most = new AtomicInteger();

	CountingDataSource(DataSource target) {
		super(target);
	}

	int mostBorrowedAtOnce() {
		return this.most.get();
	}

	@Override
	public Connection getConnection() throws SQLException {
		return counted(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return counted(super.getConnection(username, password));
	}

	private Connection counted(Connection connection) {
		this.most.accumulateAndGet(this.borrowed.incrementAndGet(), Math::max);
		AtomicBoolean closed = new AtomicBoolean();
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, arguments) -> {
					if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
						this.borrowed.decrementAndGet();
					}
					try {
						return method.invoke(connection, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getTargetException();
					}
				});
	}

}
