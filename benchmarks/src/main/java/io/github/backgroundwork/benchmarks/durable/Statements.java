package io.github.backgroundwork.benchmarks.durable;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@code pg_stat_statements} says about one database: reset before a measurement,
 * and the statements that took the most time after it; with the commits of that database
 * ({@code pg_stat_database.xact_commit}) and the server's WAL records, bytes and flushes
 * ({@code pg_stat_wal}) during the measurement, which say what the commits cost under
 * production settings.
 */
final class Statements {

	private static final int TOP = 10;

	private static final String COUNTERS = """
			SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = ?) AS commits,
			       w.wal_records, w.wal_bytes, w.wal_sync, w.wal_fpi
			FROM pg_stat_wal w""";

	// The counters at the last reset, read back by print (one measurement at a time)
	private static @Nullable Map<String, Object> before;

	private Statements() {
	}

	static void reset(PostgresServer server, @Nullable String database) {
		if (database != null) {
			server.admin().queryForList("SELECT pg_stat_statements_reset()");
			// The statistics collector's counters are cached per transaction; a new
			// connection reads them afresh
			before = server.admin().queryForMap(COUNTERS, database);
		}
	}

	static void print(PostgresServer server, @Nullable String database, String contender) {
		if (database == null) {
			return;
		}
		JdbcTemplate admin = server.admin();
		List<Map<String, Object>> rows = admin.queryForList("""
				SELECT s.calls, round(s.total_exec_time::numeric, 1) AS total_ms,
				       round(s.mean_exec_time::numeric, 3) AS mean_ms, s.rows,
				       regexp_replace(left(s.query, 160), '\\s+', ' ', 'g') AS query
				FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
				WHERE d.datname = ? ORDER BY s.total_exec_time DESC LIMIT ?""", database, TOP);
		Double total = admin.queryForObject("""
				SELECT coalesce(sum(s.total_exec_time), 0) FROM pg_stat_statements s
				JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?""", Double.class, database);
		Long calls = admin.queryForObject("""
				SELECT coalesce(sum(s.calls), 0) FROM pg_stat_statements s
				JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?""", Long.class, database);
		System.out.printf("%n  pg_stat_statements of %s during the throughput run: %d statements, %.0f ms executing%n",
				contender, calls, total);
		Map<String, Object> after = admin.queryForMap(COUNTERS, database);
		if (before != null) {
			System.out.printf("  commits %d, WAL: %d records, %d bytes (%d full-page images), %d flushes%n",
					delta(after, "commits"), delta(after, "wal_records"), delta(after, "wal_bytes"),
					delta(after, "wal_fpi"), delta(after, "wal_sync"));
		}
		System.out.printf("  %8s %10s %9s %8s  %s%n", "calls", "total ms", "mean ms", "rows", "query");
		for (Map<String, Object> row : rows) {
			System.out.printf("  %8s %10s %9s %8s  %s%n", row.get("calls"), row.get("total_ms"), row.get("mean_ms"),
					row.get("rows"), row.get("query"));
		}
		System.out.println();
	}

	private static long delta(Map<String, Object> after, String counter) {
		return ((Number) after.get(counter)).longValue() - ((Number) before.get(counter)).longValue();
	}

}
