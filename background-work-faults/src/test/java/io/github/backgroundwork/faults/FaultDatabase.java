package io.github.backgroundwork.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * One embedded PostgreSQL 17 per scenario, on 127.0.0.1 and a free port, with its data
 * directory under {@code target/} kept across {@link #restart()}: stopped with
 * {@code pg_ctl stop -m fast} (zonky's close, which keeps a data directory it was given)
 * and started again on the same directory and port. Its log goes to a file beside it.
 */
final class FaultDatabase implements AutoCloseable {

	private final Path directory;

	private final Path data;

	private final int port;

	private @Nullable EmbeddedPostgres server;

	private FaultDatabase(Path directory) {
		this.directory = directory;
		this.data = directory.resolve("pgdata");
		this.port = freePort();
	}

	static FaultDatabase start(Path directory) {
		FaultDatabase database = new FaultDatabase(directory);
		FileSystemUtils.deleteRecursively(database.data.toFile());
		database.startServer();
		return database;
	}

	private void startServer() {
		try {
			Files.createDirectories(this.directory);
			this.server = EmbeddedPostgres.builder()
				.setDataDirectory(this.data)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "300")
				.setOutputRedirector(Redirect.appendTo(this.directory.resolve("postgres.log").toFile()))
				.setErrorRedirector(Redirect.appendTo(this.directory.resolve("postgres.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL in " + this.data, ex);
		}
	}

	/**
	 * Stop the server (fast shutdown: sessions are ended, the data kept).
	 */
	void stop() {
		if (this.server != null) {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server = null;
		}
	}

	/**
	 * Start the stopped server again on the same data directory and port.
	 */
	void restart() {
		stop();
		startServer();
	}

	/**
	 * Create a database.
	 * @param name its name
	 */
	void create(String name) {
		admin("postgres").execute("CREATE DATABASE " + name);
	}

	/**
	 * Return a connection-per-call template on a database: no pool, so that it works
	 * again at once after a restart.
	 * @param database the database
	 * @return the template
	 */
	JdbcTemplate admin(String database) {
		SimpleDriverDataSource source = new SimpleDriverDataSource(new org.postgresql.Driver(),
				url(database, "faults-admin"));
		source.setUsername("postgres");
		return new JdbcTemplate(source);
	}

	/**
	 * Return the JDBC URL of a database, for sessions named {@code applicationName} in
	 * {@code pg_stat_activity}.
	 * @param database the database
	 * @param applicationName the sessions' name
	 * @return the URL
	 */
	String url(String database, String applicationName) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database + "?ApplicationName=" + applicationName;
	}

	/**
	 * End the sessions whose application name starts with a prefix.
	 * @param database the database
	 * @param applicationPrefix the prefix
	 * @return how many were ended
	 */
	int terminate(String database, String applicationPrefix) {
		Integer ended = admin("postgres").queryForObject(
				"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND application_name LIKE ?",
				Integer.class, database, applicationPrefix + "%");
		return (ended != null) ? ended : 0;
	}

	@Override
	public void close() {
		stop();
		FileSystemUtils.deleteRecursively(this.data.toFile());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
