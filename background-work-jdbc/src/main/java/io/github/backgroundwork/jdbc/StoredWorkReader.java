package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.util.Assert;

/**
 * The read side for the endpoint: counts per name and state for the whole cluster, pages
 * of items, items by id. Every statement is served by an index, returns a bounded number
 * of rows, and is cancelled by the database after {@link #QUERY_TIMEOUT_SECONDS} seconds.
 * Obtained from {@link JdbcWorkStore#reader()}; safe to use from many threads.
 *
 * @since 0.1.0
 */
public final class StoredWorkReader {

	/**
	 * The most rows one page may hold.
	 */
	public static final int MAX_PAGE_SIZE = 1000;

	/**
	 * How long one read may run before the driver cancels it.
	 */
	public static final int QUERY_TIMEOUT_SECONDS = 10;

	/**
	 * Live rows through the state index, ended ones through the finished index: neither
	 * reads the history older than the window.
	 */
	private static final String COUNTS = """
			SELECT name, state, COUNT(*) AS n FROM {table}
			WHERE state IN ('QUEUED', 'SCHEDULED', 'RUNNING') GROUP BY name, state
			UNION ALL
			SELECT name, state, COUNT(*) AS n FROM {table}
			WHERE finished_at >= {now-:window} GROUP BY name, state""";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final WorkInstances instances;

	StoredWorkReader(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, WorkInstances instances) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.instances = instances;
	}

	/**
	 * Return the instances that claim from the store, live and recently gone (see
	 * {@link WorkInstances#list()}).
	 * @return the instances
	 * @since 0.1.0
	 */
	public List<StoredInstance> instances() {
		return this.instances.list();
	}

	/**
	 * Count items per name and state across the cluster: every live item, and the ended
	 * items that finished within a window. Reads the live rows and the window's ended
	 * rows only, never the older history.
	 * @param endedWithin how far back ended items count
	 * @return the counts, by name then state; absent pairs have no rows
	 */
	public List<WorkCount> countByNameAndState(Duration endedWithin) {
		Assert.isTrue(endedWithin != null && !endedWithin.isNegative(),
				() -> "endedWithin must not be negative, was " + endedWithin);
		List<WorkCount> counts = new ArrayList<>(this.client.sql(this.dialect.sql(this.table, COUNTS))
			.param("window", endedWithin.toMillis())
			.query((rs, rowNum) -> new WorkCount(rs.getString("name"), StoredState.valueOf(rs.getString("state")),
					rs.getLong("n")))
			.list());
		counts.sort(
				(a, b) -> (a.name().equals(b.name())) ? a.state().compareTo(b.state()) : a.name().compareTo(b.name()));
		return counts;
	}

	/**
	 * Return one page of items, newest first, without their stack traces and earlier
	 * attempts (see {@link #findById}).
	 * @param state only items in this state, or {@code null} for every state
	 * @param name only items of this name, or {@code null} for every name
	 * @param offset how many matches to skip: the database still reads them, so keep it
	 * small
	 * @param limit how many to return, at most {@link #MAX_PAGE_SIZE}
	 * @return the page
	 */
	public List<StoredWork> page(@Nullable StoredState state, @Nullable String name, int offset, int limit) {
		Assert.isTrue(offset >= 0, () -> "offset must not be negative, was " + offset);
		Assert.isTrue(limit >= 0 && limit <= MAX_PAGE_SIZE,
				() -> "limit must be between 0 and " + MAX_PAGE_SIZE + ", was " + limit);
		if (limit == 0) {
			return List.of();
		}
		String sql = "SELECT " + WorkTable.SUMMARY_COLUMNS + " FROM {table}" + where(state, name)
				+ " ORDER BY enqueued_at DESC, id DESC LIMIT :limit OFFSET :offset";
		return filter(this.client.sql(this.dialect.sql(this.table, sql)), state, name).param("limit", limit)
			.param("offset", offset)
			.query(WorkTable.STORED)
			.list();
	}

	/**
	 * Count the items that match a filter, reading no more than {@code cap} of them.
	 * @param state only items in this state, or {@code null} for every state
	 * @param name only items of this name, or {@code null} for every name
	 * @param cap the most matches to count
	 * @return how many match, or {@code cap} if at least that many do
	 */
	public long countUpTo(@Nullable StoredState state, @Nullable String name, int cap) {
		Assert.isTrue(cap >= 0, () -> "cap must not be negative, was " + cap);
		String sql = "SELECT COUNT(*) FROM (SELECT 1 FROM {table}" + where(state, name) + " LIMIT :cap) matches";
		return filter(this.client.sql(this.dialect.sql(this.table, sql)), state, name).param("cap", cap)
			.query(Long.class)
			.single();
	}

	/**
	 * Find one item.
	 * @param id the item's id
	 * @return the item, or empty if no row has this id
	 */
	public Optional<StoredWork> findById(String id) {
		Assert.hasText(id, "id must not be empty");
		String sql = "SELECT " + WorkTable.STORED_COLUMNS + " FROM {table} WHERE id = :id";
		return this.client.sql(this.dialect.sql(this.table, sql)).param("id", id).query(WorkTable.STORED).optional();
	}

	/**
	 * Find many items in one statement, without their stack traces and earlier attempts
	 * (see {@link #findById}).
	 * @param ids the items' ids, at most {@link #MAX_PAGE_SIZE}
	 * @return the rows found, in no particular order; ids without a row are left out
	 * @since 0.1.0
	 */
	public List<StoredWork> findAllById(List<String> ids) {
		Assert.notNull(ids, "ids must not be null");
		Assert.isTrue(ids.size() <= MAX_PAGE_SIZE,
				() -> "at most " + MAX_PAGE_SIZE + " ids may be looked up at once, were " + ids.size());
		if (ids.isEmpty()) {
			return List.of();
		}
		String sql = "SELECT " + WorkTable.SUMMARY_COLUMNS + " FROM {table} WHERE id IN (:ids)";
		return this.client.sql(this.dialect.sql(this.table, sql))
			.param("ids", this.dialect.ids(ids))
			.query(WorkTable.STORED)
			.list();
	}

	/**
	 * Count the items of a queue that have not ended: queued, scheduled or running,
	 * wherever they run. What a test waits for before it asserts.
	 * @param queue the queue that stored them
	 * @return how many have not ended
	 * @since 0.1.0
	 */
	public long countUnended(String queue) {
		Assert.hasText(queue, "queue must not be empty");
		String sql = "SELECT COUNT(*) FROM {table} WHERE queue = :queue AND state IN ('QUEUED', 'SCHEDULED', 'RUNNING')";
		return this.client.sql(this.dialect.sql(this.table, sql)).param("queue", queue).query(Long.class).single();
	}

	private static String where(@Nullable StoredState state, @Nullable String name) {
		if (state != null && name != null) {
			return " WHERE state = :state AND name = :name";
		}
		if (state != null) {
			return " WHERE state = :state";
		}
		return (name != null) ? " WHERE name = :name" : "";
	}

	private static StatementSpec filter(StatementSpec statement, @Nullable StoredState state, @Nullable String name) {
		return statement.param("state", (state != null) ? state.name() : null).param("name", name);
	}

}
