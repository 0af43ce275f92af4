package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The instances table ({@code <work table>_instance}): each queue of each instance that
 * claims from the store writes a heartbeat there when it starts and with each lease
 * renewal, and marks its row stopped when it stops; the times are the database's.
 * Obtained from {@link JdbcWorkStore#instances()}; safe to use from many threads.
 *
 * @since 0.1.0
 */
public final class WorkInstances {

	/**
	 * The most instances {@link #list()} returns.
	 */
	public static final int MAX_LISTED = 1000;

	private static final String BEAT = """
			UPDATE {table}_instance SET last_seen = {now}, concurrency = :concurrency, names = :names,
			    stopped_at = NULL
			WHERE id = :id""";

	private static final String REGISTER = """
			INSERT INTO {table}_instance (id, queue, host, started_at, concurrency, names, last_seen)
			VALUES (:id, :queue, :host, {now}, :concurrency, :names, {now})""";

	private static final String LIST = """
			SELECT id, queue, host, started_at, concurrency, names, last_seen, stopped_at,
			    CASE WHEN stopped_at IS NULL AND last_seen >= {now-:live} THEN 1 ELSE 0 END AS live
			FROM {table}_instance ORDER BY queue, started_at, id LIMIT :max""";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final StoreTransactions transactions;

	private final Duration lease;

	WorkInstances(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, StoreTransactions transactions,
			Duration lease) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.transactions = transactions;
		this.lease = lease;
	}

	/**
	 * Say that an instance is alive: its row is written if it has none (its first beat,
	 * or the cleaner deleted it after an outage longer than its retention), else its
	 * last-seen time is brought to the database's time. Blocks for a round trip or two.
	 * @param id the instance's id, the owner of the rows it claims
	 * @param queue the queue it claims for
	 * @param host the host it runs on
	 * @param concurrency how many items it runs at once
	 * @param names the names of work it has handlers for
	 */
	public void beat(String id, String queue, String host, int concurrency, Collection<String> names) {
		Assert.hasText(id, "id must not be empty");
		Assert.hasText(queue, "queue must not be empty");
		String joined = String.join("\n", names.stream().sorted().toList());
		this.transactions.own(() -> {
			int updated = this.client.sql(this.dialect.sql(this.table, BEAT))
				.param("id", id)
				.param("concurrency", concurrency)
				.param("names", joined)
				.update();
			if (updated == 0) {
				this.client.sql(this.dialect.sql(this.table, REGISTER))
					.param("id", id)
					.param("queue", queue)
					.param("host", host.isEmpty() ? "?" : host)
					.param("concurrency", concurrency)
					.param("names", joined)
					.update();
			}
			return updated;
		});
	}

	/**
	 * Mark an instance stopped, when it stops claiming: it is listed gone at once, until
	 * {@link #deleteGone} deletes its row.
	 * @param id the instance's id
	 * @return whether it had a row
	 */
	public boolean stopped(String id) {
		Assert.hasText(id, "id must not be empty");
		return this.transactions.own(() -> this.client
			.sql(this.dialect.sql(this.table, "UPDATE {table}_instance SET stopped_at = {now} WHERE id = :id"))
			.param("id", id)
			.update() > 0);
	}

	/**
	 * Return the instances with a row, live ones (not stopped, seen within a lease) and
	 * gone ones, by queue then start time; at most {@link #MAX_LISTED}.
	 * @return the instances
	 */
	public List<StoredInstance> list() {
		return this.client.sql(this.dialect.sql(this.table, LIST))
			.param("live", this.lease.toMillis())
			.param("max", MAX_LISTED)
			.query((rs, rowNum) -> new StoredInstance(rs.getString("id"), rs.getString("queue"), rs.getString("host"),
					WorkTable.instant(rs, "started_at"), rs.getInt("concurrency"), names(rs.getString("names")),
					WorkTable.instant(rs, "last_seen"), WorkTable.instant(rs, "stopped_at"), rs.getInt("live") == 1))
			.list();
	}

	/**
	 * Delete the rows of instances not seen for a while: they died without saying so.
	 * @param goneFor how long an instance has not been seen
	 * @return how many rows were deleted
	 */
	public int deleteGone(Duration goneFor) {
		Assert.isTrue(goneFor != null && !goneFor.isNegative(), () -> "goneFor must not be negative, was " + goneFor);
		return this.transactions.own(() -> this.client
			.sql(this.dialect.sql(this.table, "DELETE FROM {table}_instance WHERE last_seen < {now-:gone}"))
			.param("gone", goneFor.toMillis())
			.update());
	}

	private static List<String> names(String names) {
		return names.isEmpty() ? List.of() : Arrays.asList(names.split("\n"));
	}

}
