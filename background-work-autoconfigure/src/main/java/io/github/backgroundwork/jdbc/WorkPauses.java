package io.github.backgroundwork.jdbc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.backgroundwork.PausedWork;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pauses of the store's queues, one row per paused name of a queue in the pause table
 * (name {@value #WHOLE_QUEUE} for the whole queue, since a name of work is never blank),
 * written in short transactions of the store's own; on PostgreSQL each change also
 * notifies the listeners, so that every instance reads the pauses again at once.
 */
final class WorkPauses {

	/**
	 * The name of the row that pauses a whole queue.
	 */
	static final String WHOLE_QUEUE = "";

	private static final String PAUSE = """
			INSERT INTO {pause_table} (queue, name, paused_at, paused_by)
			SELECT :queue, :name, {now}, :owner FROM (VALUES (1)) t
			WHERE NOT EXISTS (SELECT 1 FROM {pause_table} WHERE queue = :queue AND name = :name)""";

	private static final String RESUME = "DELETE FROM {pause_table} WHERE queue = :queue AND name = :name";

	private static final String READ = "SELECT name FROM {pause_table} WHERE queue = :queue";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final StoreTransactions transactions;

	private final String channel;

	WorkPauses(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, StoreTransactions transactions,
			String channel) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.transactions = transactions;
		this.channel = channel;
	}

	/**
	 * Store a pause, unless it is stored already.
	 * @return whether this call stored it
	 */
	boolean pause(String queue, @Nullable String name, String owner) {
		String row = (name != null) ? name : WHOLE_QUEUE;
		String sql = this.table.sql(PAUSE).replace("{now}", this.dialect.now());
		try {
			return this.transactions.own(() -> {
				int inserted = this.client.sql(sql)
					.param("queue", queue)
					.param("name", row)
					.param("owner", owner)
					.update();
				notifyChange(inserted);
				return inserted > 0;
			});
		}
		catch (DuplicateKeyException ex) {
			// Another instance paused it at the same moment: it is paused
			return false;
		}
	}

	/**
	 * Delete a pause.
	 * @return whether it was stored
	 */
	boolean resume(String queue, @Nullable String name) {
		String row = (name != null) ? name : WHOLE_QUEUE;
		return this.transactions.own(() -> {
			int deleted = this.client.sql(this.table.sql(RESUME)).param("queue", queue).param("name", row).update();
			notifyChange(deleted);
			return deleted > 0;
		});
	}

	/**
	 * Read what is paused in a queue: one small query.
	 */
	PausedWork read(String queue) {
		List<String> rows = this.client.sql(this.table.sql(READ)).param("queue", queue).query(String.class).list();
		Set<String> names = new HashSet<>(rows);
		boolean whole = names.remove(WHOLE_QUEUE);
		return new PausedWork(whole, names);
	}

	/**
	 * Tell every instance listening, when the transaction commits.
	 */
	private void notifyChange(int changed) {
		if (changed > 0 && this.dialect.supportsNotify()) {
			this.client.sql("SELECT pg_notify(:channel, :payload)")
				.param("channel", this.channel)
				.param("payload", JdbcWorkStore.PAUSES_CHANGED)
				.query((rs, rowNum) -> 1)
				.list();
		}
	}

}
