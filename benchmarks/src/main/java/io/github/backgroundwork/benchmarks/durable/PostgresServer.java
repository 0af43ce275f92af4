package io.github.backgroundwork.benchmarks.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one embedded PostgreSQL 17 of a run, on 127.0.0.1 and a free port, with
 * {@code pg_stat_statements} loaded: creates a database per contender, pools of ten
 * connections on them, and reads the CPU time of the server's processes. It runs with the
 * embedded server's settings, which turn {@code synchronous_commit} off (a commit returns
 * before its WAL is flushed, which flatters designs that commit often), or with
 * production settings: {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on, every commit waiting for its flush to the disk.
 */
final class PostgresServer implements AutoCloseable {

	static final int POOL_SIZE = 10;

	private final EmbeddedPostgres server;

	private final long postmasterPid;

	private PostgresServer(EmbeddedPostgres server) {
		this.server = server;
		admin().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
		String dataDirectory = admin().queryForObject("SHOW data_directory", String.class);
		try {
			this.postmasterPid = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Start the server.
	 * @param production whether to run with production settings ({@code fsync},
	 * {@code synchronous_commit} and {@code full_page_writes} on) rather than the
	 * embedded server's ({@code synchronous_commit=off})
	 * @return the started server
	 */
	static PostgresServer start(boolean production) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("shared_preload_libraries", "pg_stat_statements")
				.setServerConfig("max_connections", "200")
				.setOutputRedirector(Redirect.DISCARD)
				.setErrorRedirector(Redirect.DISCARD);
			if (production) {
				builder.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on")
					.setServerConfig("full_page_writes", "on");
			}
			return new PostgresServer(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

	JdbcTemplate admin() {
		return new JdbcTemplate(this.server.getPostgresDatabase());
	}

	/**
	 * Create a database, with {@code pg_stat_statements}.
	 * @param name its name
	 */
	void createDatabase(String name) {
		admin().execute("CREATE DATABASE " + name);
		new JdbcTemplate(this.server.getDatabase("postgres", name))
			.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
	}

	HikariDataSource pool(String database, String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName(name);
		pool.setJdbcUrl(this.server.getJdbcUrl("postgres", database));
		pool.setMaximumPoolSize(POOL_SIZE);
		pool.setMinimumIdle(POOL_SIZE);
		return pool;
	}

	DataSource unpooled(String database) {
		return this.server.getDatabase("postgres", database);
	}

	String version() {
		return admin().queryForObject("SHOW server_version", String.class);
	}

	/**
	 * Return the settings that decide what a commit costs, as the server reports them.
	 */
	String durabilitySettings() {
		JdbcTemplate admin = admin();
		return Stream.of("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "commit_delay")
			.map((name) -> name + "=" + admin.queryForObject("SHOW " + name, String.class))
			.collect(Collectors.joining(", "));
	}

	/**
	 * Return the CPU time of the server: its live processes, and the children that ended.
	 * @return the CPU time in nanoseconds, or -1 where {@code /proc} cannot tell
	 */
	long cpuNanos() {
		try (var processes = Files.list(Path.of("/proc"))) {
			long ticks = processes.filter((dir) -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
				.mapToLong(this::ticksIfServer)
				.sum();
			return ticks * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private long ticksIfServer(Path process) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long pid = Long.parseLong(process.getFileName().toString());
			long parent = Long.parseLong(fields[1]);
			if (pid == this.postmasterPid) {
				// utime, stime, cutime, cstime: the postmaster and its ended children
				return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
						+ Long.parseLong(fields[14]);
			}
			if (parent == this.postmasterPid) {
				return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			return 0;
		}
		catch (IOException | RuntimeException ex) {
			// The process ended meanwhile
			return 0;
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
