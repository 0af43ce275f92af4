package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Listens for the notifications a {@link JdbcWorkStore} sends on PostgreSQL when an
 * insert commits, on one dedicated connection and one thread of its own, and tells a
 * {@link WorkNotificationListener}. When the connection is lost it connects again after a
 * bounded backoff, then calls the listener once with {@code null}, since notifications
 * sent in between are lost.
 *
 * @since 0.1.0
 */
public final class PostgresWorkNotifier {

	private static final Log logger = LogFactory.getLog(PostgresWorkNotifier.class);

	/**
	 * How long one wait for notifications lasts: the longest {@link #stop()} waits for
	 * the thread to notice.
	 */
	private static final int WAIT_MILLIS = 250;

	private final DataSource dataSource;

	private final String channel;

	private final WorkNotificationListener listener;

	private final BackOff reconnectBackOff;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition stopped = this.lock.newCondition();

	private volatile boolean running;

	private volatile boolean listening;

	private volatile @Nullable Thread thread;

	/**
	 * Create a notifier that reconnects after 100 ms, doubling up to 5 s.
	 * @param dataSource where to take the listening connection from
	 * @param channel the channel, as {@link JdbcWorkStore#notificationChannel()}
	 * @param listener what to tell
	 */
	public PostgresWorkNotifier(DataSource dataSource, String channel, WorkNotificationListener listener) {
		this(dataSource, channel, listener, defaultBackOff());
	}

	/**
	 * Create a notifier.
	 * @param dataSource where to take the listening connection from
	 * @param channel the channel, as {@link JdbcWorkStore#notificationChannel()}
	 * @param listener what to tell
	 * @param reconnectBackOff how long to wait between attempts to connect again; when it
	 * stops, its last interval is used from then on
	 */
	public PostgresWorkNotifier(DataSource dataSource, String channel, WorkNotificationListener listener,
			BackOff reconnectBackOff) {
		Assert.notNull(dataSource, "dataSource must not be null");
		Assert.isTrue(channel != null && channel.matches("[a-z_][a-z0-9_]{0,62}"),
				() -> "channel '" + channel + "' must be lowercase letters, digits and '_'");
		Assert.notNull(listener, "listener must not be null");
		Assert.notNull(reconnectBackOff, "reconnectBackOff must not be null");
		this.dataSource = dataSource;
		this.channel = channel;
		this.listener = listener;
		this.reconnectBackOff = reconnectBackOff;
	}

	private static BackOff defaultBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
		backOff.setMaxInterval(5000);
		return backOff;
	}

	/**
	 * Start listening on a new thread named {@code bgwork-listener}, again after a
	 * {@link #stop()} if need be. Does not block but to wait for a stopped thread that
	 * has not ended yet: the connection is made on the new thread ({@link #isListening()}
	 * tells when it is).
	 * @throws IllegalStateException if the notifier runs
	 */
	public void start() {
		Assert.state(!this.running, "Notifier is already running");
		Thread previous = this.thread;
		if (previous != null && previous != Thread.currentThread()) {
			join(previous);
		}
		this.lock.lock();
		try {
			Assert.state(!this.running, "Notifier is already running");
			this.running = true;
			Thread listenerThread = new Thread(this::run, "bgwork-listener");
			listenerThread.setDaemon(true);
			this.thread = listenerThread;
			listenerThread.start();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop listening and close the connection. Blocks until the thread has ended, at most
	 * a few hundred milliseconds unless the listener blocks; restores the interrupt flag
	 * when interrupted while waiting.
	 */
	public void stop() {
		Thread listenerThread;
		this.lock.lock();
		try {
			this.running = false;
			this.stopped.signalAll();
			listenerThread = this.thread;
		}
		finally {
			this.lock.unlock();
		}
		if (listenerThread != null && listenerThread != Thread.currentThread()) {
			join(listenerThread);
		}
	}

	private static void join(Thread listenerThread) {
		try {
			listenerThread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether this thread is the one that should listen: a thread stopped late must not
	 * go on beside the one a new start made.
	 */
	private boolean isCurrent() {
		return this.running && this.thread == Thread.currentThread();
	}

	/**
	 * Whether the notifier was started and not stopped.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether the listening connection is up and subscribed to the channel.
	 * @return whether notifications are heard now
	 */
	public boolean isListening() {
		return this.listening;
	}

	private void run() {
		BackOffExecution backOff = this.reconnectBackOff.start();
		long lastInterval = 0;
		boolean lost = false;
		while (isCurrent()) {
			Connection connection = null;
			try {
				connection = this.dataSource.getConnection();
				listen(connection);
				backOff = this.reconnectBackOff.start();
				if (lost) {
					logger.info("Listening for background work on channel '" + this.channel + "' again");
					tell(null);
					lost = false;
				}
				receive(connection.unwrap(PGConnection.class));
				unlisten(connection);
			}
			catch (SQLException | RuntimeException ex) {
				this.listening = false;
				probe(connection);
				if (isCurrent()) {
					long interval = backOff.nextBackOff();
					lastInterval = (interval != BackOffExecution.STOP) ? interval : lastInterval;
					// One WARN per outage: the tries that fail until it listens again are
					// logged at DEBUG
					if (!lost) {
						logger.warn("Lost the connection listening for background work on channel '" + this.channel
								+ "'; connecting again in " + lastInterval + " ms, and saying so once it listens"
								+ " again (" + ex.getMessage() + ")");
					}
					else if (logger.isDebugEnabled()) {
						logger.debug("Still not listening for background work on channel '" + this.channel
								+ "'; connecting again in " + lastInterval + " ms (" + ex.getMessage() + ")");
					}
					lost = true;
					awaitStop(lastInterval);
				}
			}
			finally {
				close(connection);
			}
		}
		this.listening = false;
	}

	private void listen(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		try (Statement statement = connection.createStatement()) {
			statement.execute("LISTEN " + this.channel);
		}
		this.listening = true;
	}

	private void receive(PGConnection connection) throws SQLException {
		while (isCurrent()) {
			PGNotification[] notifications = connection.getNotifications(WAIT_MILLIS);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					tell(notification.getParameter());
				}
			}
		}
	}

	private void unlisten(Connection connection) throws SQLException {
		// A pooled connection must not stay subscribed once it is back in the pool
		try (Statement statement = connection.createStatement()) {
			statement.execute("UNLISTEN *");
		}
		this.listening = false;
	}

	/**
	 * Use a connection that failed once more through the pool's own proxy (notifications
	 * are read from the unwrapped driver connection, which the pool does not watch), so
	 * that a pool that checks errors evicts it rather than lend it again.
	 */
	private static void probe(@Nullable Connection connection) {
		if (connection != null) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1");
			}
			catch (SQLException ex) {
				// Expected when the connection is broken
			}
		}
	}

	private static void close(@Nullable Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Could not close the listening connection", ex);
			}
		}
	}

	private void tell(@Nullable String name) {
		try {
			this.listener.workAvailable(name);
		}
		catch (RuntimeException ex) {
			logger.error("Listener of background work notifications failed", ex);
		}
	}

	private void awaitStop(long millis) {
		this.lock.lock();
		try {
			long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
			while (isCurrent() && nanos > 0) {
				nanos = this.stopped.awaitNanos(nanos);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
		finally {
			this.lock.unlock();
		}
	}

}
