package io.github.backgroundwork.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * PostgreSQL: one {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING} per
 * batch, a claim through a {@code MATERIALIZED} CTE with {@code FOR UPDATE SKIP LOCKED}
 * and {@code LIMIT}, {@code RETURNING}, and {@code pg_notify} in the inserting
 * transaction.
 */
final class PostgresWorkDialect extends JdbcWorkDialect {

	/**
	 * Rounds of insert-then-look-up before giving up on items whose key keeps being freed
	 * between the two statements.
	 */
	private static final int MAX_INSERT_ROUNDS = 10;

	/**
	 * The insert, then one {@code pg_notify} per distinct inserted name (delivered at
	 * commit), in one statement: one round trip for a single item as for a batch.
	 */
	private static final String INSERT = """
			WITH inserted AS (
			INSERT INTO {table} (id, name, work_key, live_key, payload, payload_type, state, attempts, max_retries,
			    not_before, enqueued_at, trace_context, queue, context)
			SELECT r.id, r.name, r.work_key, r.work_key, r.payload, r.payload_type,
			    CASE WHEN r.due > statement_timestamp() THEN 'SCHEDULED' ELSE 'QUEUED' END,
			    0, r.max_retries, r.due, statement_timestamp(), r.trace_context, r.queue, r.context
			FROM (SELECT u.*, COALESCE(CAST(u.not_before AS timestamptz),
			        statement_timestamp() + u.delay_ms * INTERVAL '1 millisecond') AS due
			    FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::int[], ?::text[],
			        ?::bigint[], ?::text[], ?::varchar[], ?::text[]) WITH ORDINALITY
			        AS u(id, name, work_key, payload, payload_type, max_retries, not_before, delay_ms, trace_context,
			            queue, context, ord)
			    ) r
			ORDER BY r.ord
			ON CONFLICT (name, live_key) DO NOTHING
			RETURNING id, name
			), notified AS (
			    SELECT pg_notify(?, d.name) AS sent FROM (SELECT DISTINCT name FROM inserted) d
			)
			SELECT inserted.id FROM inserted CROSS JOIN (SELECT COUNT(sent::text) FROM notified) n""";

	private static final String FIND_LIVE = """
			SELECT t.id, t.name, t.live_key FROM {table} t
			JOIN unnest(?::varchar[], ?::varchar[]) AS k(name, live_key)
			    ON t.name = k.name AND t.live_key = k.live_key""";

	/**
	 * Planner settings for the claim's transaction only. Without them, a table analysed
	 * while nearly empty then flooded gets a bitmap scan of every due row and a sort (its
	 * cost grows with the backlog until autoanalyze runs); with them the claim walks the
	 * due index in order and stops at its limit, whatever the statistics say.
	 */
	static final String CLAIM_PLAN = "SELECT set_config('enable_sort', 'off', true), "
			+ "set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)";

	/**
	 * The update of the rows a claim selected as {@code due}. It forgets why an instance
	 * could not read an item: the claiming one may.
	 */
	private static final String CLAIM_UPDATE = """
			UPDATE {table} t SET state = 'RUNNING', owner = :owner, attempts = t.attempts + 1,
			    started_at = statement_timestamp(), lease_until = {now+:lease}, unreadable_by = NULL,
			    unreadable_reason = NULL
			FROM due WHERE t.id = due.id
			RETURNING t.id, t.name, t.work_key, t.payload, t.payload_type, t.attempts, t.max_retries,
			    t.trace_context, t.enqueued_at, t.not_before, t.context""";

	/**
	 * Return the claim of a request's parts: one {@code MATERIALIZED} CTE per part, each
	 * an index walk in due order that stops at its limit, then, when there are several,
	 * the oldest of their rows up to the request's limit. The rows a part locked but the
	 * final limit drops stay locked until the statement's transaction ends, a moment
	 * later: another claimer skips them meanwhile, and takes them on its next claim.
	 * @param parts the request's parts, not empty
	 * @return the statement, with {@code {table}} and {@code {now}} to resolve
	 */
	static String claim(ClaimParts parts) {
		StringBuilder sql = new StringBuilder("WITH ");
		List<String> selects = new ArrayList<>();
		for (int i = 0; i < parts.parts().size(); i++) {
			String cte = (parts.parts().size() == 1) ? "due" : "part_" + i;
			sql.append(cte)
				.append(" AS MATERIALIZED (\n    SELECT id, not_before FROM {table}\n    WHERE ")
				.append(parts.where(i))
				.append("\n    ORDER BY not_before\n    LIMIT :limit_")
				.append(i)
				.append("\n    FOR UPDATE SKIP LOCKED\n),\n");
			selects.add("SELECT id, not_before FROM " + cte);
		}
		if (selects.size() > 1) {
			sql.append("due AS MATERIALIZED (\n    SELECT id FROM (")
				.append(String.join(" UNION ALL ", selects))
				.append(") parts\n    ORDER BY not_before\n    LIMIT :limit\n),\n");
		}
		sql.setLength(sql.length() - 2);
		return sql.append("\n").append(CLAIM_UPDATE).toString();
	}

	/**
	 * Planner settings for one batch of the cleaner: after many batches the statistics
	 * may say the table is mostly ended rows, and a sequential scan, which reads the dead
	 * rows earlier batches left at the head of the table again and again, looks cheaper
	 * than the finished index.
	 */
	static final String DELETE_PLAN = "SELECT set_config('enable_seqscan', 'off', true), "
			+ "set_config('enable_bitmapscan', 'off', true)";

	@Override
	@Nullable String deletePlan() {
		return DELETE_PLAN;
	}

	@Override
	String now() {
		return "statement_timestamp()";
	}

	@Override
	String nowPlusMillis(String sign, String parameter) {
		return "(statement_timestamp() " + sign + " CAST(:" + parameter + " AS bigint) * INTERVAL '1 millisecond')";
	}

	@Override
	void notify(JdbcClient client, String channel, Collection<String> names) {
		for (String name : names) {
			client.sql("SELECT pg_notify(:channel, :name)::text")
				.param("channel", channel)
				.param("name", name)
				.query()
				.listOfRows();
		}
	}

	@Override
	String returning(String update, String columns) {
		return update + " RETURNING " + columns;
	}

	@Override
	List<InsertedWork> insert(JdbcTemplate jdbc, WorkTable table, String channel, List<NewWork> items) {
		Map<String, InsertedWork> outcomes = new HashMap<>();
		List<NewWork> pending = items;
		for (int round = 0; !pending.isEmpty(); round++) {
			if (round == MAX_INSERT_ROUNDS) {
				throw new IllegalStateException("Could not insert item '" + pending.get(0).id()
						+ "' nor find the live item holding its key after " + MAX_INSERT_ROUNDS + " tries");
			}
			Set<String> inserted = insertSkippingLiveKeys(jdbc, table, channel, pending);
			List<NewWork> skipped = new ArrayList<>();
			for (NewWork item : pending) {
				if (inserted.contains(item.id())) {
					outcomes.put(item.id(), new InsertedWork(item.id(), false));
				}
				else {
					skipped.add(item);
				}
			}
			Map<List<String>, String> live = findLive(jdbc, table, skipped);
			pending = new ArrayList<>();
			for (NewWork item : skipped) {
				String holder = live.get(List.of(item.name(), String.valueOf(item.key())));
				if (holder != null) {
					outcomes.put(item.id(), new InsertedWork(holder, true));
				}
				else {
					// The key was freed between the insert and the look-up: insert again
					pending.add(item);
				}
			}
		}
		return items.stream().map((item) -> outcomes.get(item.id())).toList();
	}

	private Set<String> insertSkippingLiveKeys(JdbcTemplate jdbc, WorkTable table, String channel,
			List<NewWork> items) {
		List<String> ids = jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(table.sql(INSERT));
			statement.setArray(1, array(connection, "varchar", items, NewWork::id));
			statement.setArray(2, array(connection, "varchar", items, NewWork::name));
			statement.setArray(3, array(connection, "varchar", items, NewWork::key));
			statement.setArray(4, array(connection, "text", items, NewWork::payload));
			statement.setArray(5, array(connection, "varchar", items, NewWork::payloadType));
			statement.setArray(6, array(connection, "int4", items, NewWork::maxRetries));
			statement.setArray(7, array(connection, "text", items,
					(item) -> (item.notBefore() != null) ? item.notBefore().toString() : null));
			statement.setArray(8, array(connection, "int8", items, (item) -> item.delay().toMillis()));
			statement.setArray(9, array(connection, "text", items, NewWork::traceContext));
			statement.setArray(10, array(connection, "varchar", items, NewWork::queue));
			statement.setArray(11, array(connection, "text", items, NewWork::context));
			statement.setString(12, channel);
			return statement;
		}, (rs, rowNum) -> rs.getString(1));
		return new HashSet<>(ids);
	}

	private Map<List<String>, String> findLive(JdbcTemplate jdbc, WorkTable table, List<NewWork> items) {
		Map<List<String>, String> live = new HashMap<>();
		if (items.isEmpty()) {
			return live;
		}
		jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(table.sql(FIND_LIVE));
			statement.setArray(1, array(connection, "varchar", items, NewWork::name));
			statement.setArray(2, array(connection, "varchar", items, NewWork::key));
			return statement;
		}, (rs) -> {
			live.put(List.of(rs.getString("name"), rs.getString("live_key")), rs.getString("id"));
		});
		return live;
	}

	private static Array array(Connection connection, String type, List<NewWork> items,
			Function<NewWork, ? extends Object> column) throws SQLException {
		Object[] values = new Object[items.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = column.apply(items.get(i));
		}
		return connection.createArrayOf(type, values);
	}

	@Override
	List<ClaimedWork> claim(JdbcClient client, JdbcTemplate jdbc, WorkTable table, String owner, Duration lease,
			ClaimParts parts) {
		return claim(jdbc, table, List.of(CLAIM_PLAN), claimParameters(owner, lease, parts), parts);
	}

	@Override
	List<ClaimedWork> completeAndClaim(JdbcTemplate jdbc, WorkTable table, String complete,
			Collection<String> succeeded, String owner, Duration lease, ClaimParts parts) {
		Map<String, Object> parameters = claimParameters(owner, lease, parts);
		parameters.put("ids", ids(List.copyOf(succeeded)));
		return claim(jdbc, table, List.of(sql(table, complete), CLAIM_PLAN), parameters, parts);
	}

	private List<ClaimedWork> claim(JdbcTemplate jdbc, WorkTable table, List<String> before,
			Map<String, Object> parameters, ClaimParts parts) {
		List<ClaimedWork> claimed = new ArrayList<>(
				PostgresClaim.query(jdbc, before, sql(table, claim(parts)), parameters, WorkTable.CLAIMED));
		claimed.sort(Comparator.comparing(ClaimedWork::notBefore).thenComparing(ClaimedWork::enqueuedAt));
		return claimed;
	}

	private static Map<String, Object> claimParameters(String owner, Duration lease, ClaimParts parts) {
		Map<String, Object> parameters = new HashMap<>(parts.parameters());
		parameters.put("owner", owner);
		parameters.put("lease", lease.toMillis());
		return parameters;
	}

	/**
	 * One array parameter, whatever the number of ids: one statement text, whose plan the
	 * server keeps, instead of one per count of ids.
	 */
	@Override
	String idIn() {
		return "id = ANY(:ids)";
	}

	@Override
	Object ids(List<String> ids) {
		return new SqlArrayValue("varchar", ids.toArray());
	}

	@Override
	boolean claimsInOneStatement() {
		return true;
	}

	@Override
	boolean supportsNotify() {
		return true;
	}

}
