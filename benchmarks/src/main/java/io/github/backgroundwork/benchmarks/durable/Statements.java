package io.github.backgroundwork.benchmarks.durable;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@code pg_stat_statements} says about one database: reset before a measurement,
 * and the statements that took the most time after it.
 */
final class Statements {

	private static final int TOP = 10;

	private Statements() {
	}

	static void reset(PostgresServer server, @Nullable String database) {
		if (database != null) {
			server.admin().queryForList("SELECT pg_stat_statements_reset()");
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
		System.out.printf("  %8s %10s %9s %8s  %s%n", "calls", "total ms", "mean ms", "rows", "query");
		for (Map<String, Object> row : rows) {
			System.out.printf("  %8s %10s %9s %8s  %s%n", row.get("calls"), row.get("total_ms"), row.get("mean_ms"),
					row.get("rows"), row.get("query"));
		}
		System.out.println();
	}

}
