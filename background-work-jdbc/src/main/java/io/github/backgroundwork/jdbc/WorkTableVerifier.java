package io.github.backgroundwork.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.Assert;

/**
 * Checks at startup that the work table exists and has every column the store uses, so
 * that a database nobody initialized fails once, naming the table and the script to run,
 * instead of failing every claim of every poll. One query that reads no row.
 *
 * @since 0.1.0
 */
public final class WorkTableVerifier {

	/**
	 * Every column the store reads or writes, in the order of the bundled schema scripts.
	 * A column added to the scripts is added here too, so that a table created by an
	 * older script fails startup naming it.
	 */
	public static final List<String> COLUMNS = List.of("id", "name", "work_key", "live_key", "payload", "payload_type",
			"state", "attempts", "max_retries", "not_before", "owner", "lease_until", "enqueued_at", "started_at",
			"finished_at", "error", "trace_context", "cancel_requested", "queue", "context", "unreadable_by",
			"unreadable_reason", "retried_at", "stack_trace", "attempt_history");

	/**
	 * Every column of the pause table beside the work table (its name followed by
	 * {@code _pause}), which the store reads at least once per poll interval.
	 */
	public static final List<String> PAUSE_COLUMNS = List.of("queue", "name", "paused_at", "paused_by");

	/**
	 * Every column of the instances table ({@code <work table>_instance}), where each
	 * claimer writes its heartbeat.
	 */
	public static final List<String> INSTANCE_COLUMNS = List.of("id", "queue", "host", "started_at", "concurrency",
			"names", "last_seen", "stopped_at");

	/**
	 * Every column of the table of recurring work.
	 */
	public static final List<String> RECURRING_COLUMNS = List.of("name", "next_due", "item_id", "schedule",
			"last_item_id", "updated_at");

	private final DataSource dataSource;

	private final WorkTable table;

	/**
	 * Create a verifier of a table.
	 * @param dataSource the data source the table lives in
	 * @param tableName the table's name, optionally qualified by a schema
	 * @throws IllegalArgumentException if the name is not a plain SQL identifier
	 */
	public WorkTableVerifier(DataSource dataSource, String tableName) {
		Assert.notNull(dataSource, "dataSource must not be null");
		this.dataSource = dataSource;
		this.table = new WorkTable(tableName);
	}

	/**
	 * Check that the table exists and has every one of {@link #COLUMNS}, and that the
	 * pause and instances tables beside it exist and have every one of
	 * {@link #PAUSE_COLUMNS} and {@link #INSTANCE_COLUMNS}. Blocks for a few round trips.
	 * @throws InvalidWorkTableException naming the table, the missing columns and the
	 * schema script to run, if it is missing or incomplete
	 * @throws org.springframework.dao.DataAccessException if the database cannot be
	 * reached
	 */
	public void verify() {
		Set<String> present = present(this.table.name(), "work table");
		List<String> missing = missing(COLUMNS, present);
		if (!missing.isEmpty()) {
			throw olderScript("work table " + this.table.name(), "column(s) " + String.join(", ", missing));
		}
		Set<String> pauseColumns = present(this.table.pauseName(), "pause table");
		List<String> pauseMissing = missing(PAUSE_COLUMNS, pauseColumns);
		if (!pauseMissing.isEmpty()) {
			throw olderScript("pause table " + this.table.pauseName(), "column(s) " + String.join(", ", pauseMissing));
		}
		verifyInstances();
	}

	private @Nullable Set<String> present(String table, String what) {
		ResultSetExtractor<Set<String>> columns = (rs) -> columns(rs.getMetaData());
		try {
			return new JdbcTemplate(this.dataSource).query("SELECT * FROM " + table + " WHERE 1 = 0", columns);
		}
		catch (BadSqlGrammarException ex) {
			if (what.equals("pause table")) {
				// The work table is there: the pause table came with a later script
				throw new InvalidWorkTableException("The pause table " + table + " of durable background work does"
						+ " not exist (or cannot be read): " + ex.getSQLException().getMessage()
						+ ". The work table was created by an older schema script: run the updated " + script()
						+ " (it is safe to run again: every statement in it is IF NOT EXISTS), or its CREATE TABLE "
						+ table + " statement alone.", script(), ex);
			}
			throw new InvalidWorkTableException(
					"The work table " + table + " of durable background work does not exist (or cannot be read): "
							+ ex.getSQLException().getMessage() + ". Create it with " + script() + ".",
					script(), ex);
		}
	}

	private static List<String> missing(List<String> required, @Nullable Set<String> present) {
		List<String> missing = new ArrayList<>();
		for (String column : required) {
			if (present == null || !present.contains(column)) {
				missing.add(column);
			}
		}
		return missing;
	}

	private InvalidWorkTableException olderScript(String table, String missing) {
		return new InvalidWorkTableException("The " + table + " of durable background work lacks " + missing
				+ ": it was created by an older schema script. Run the updated " + script()
				+ " (it is safe to run again: its ALTER TABLE ... ADD COLUMN IF NOT EXISTS lines add what is"
				+ " missing), or those ALTER TABLE lines alone.", script(), null);
	}

	/**
	 * Check that the table of recurring work beside the work table
	 * ({@link JdbcRecurringStore#tableName(String)}) exists and has every one of
	 * {@link #RECURRING_COLUMNS}: needed only by an application with recurring names.
	 * Blocks for one round trip or two.
	 * @throws InvalidWorkTableException naming the table, the missing columns and the
	 * schema script to run, if it is missing or incomplete
	 */
	public void verifyRecurringTable() {
		ResultSetExtractor<Set<String>> columns = (rs) -> columns(rs.getMetaData());
		Set<String> present;
		try {
			present = new JdbcTemplate(this.dataSource)
				.query("SELECT * FROM " + JdbcRecurringStore.tableName(this.table.name()) + " WHERE 1 = 0", columns);
		}
		catch (BadSqlGrammarException ex) {
			throw new InvalidWorkTableException("The table " + JdbcRecurringStore.tableName(this.table.name())
					+ " of recurring background work does not exist (or cannot be read): "
					+ ex.getSQLException().getMessage() + ". Create it with the updated " + script()
					+ " (it is safe to run again).", script(), ex);
		}
		List<String> missing = new ArrayList<>(RECURRING_COLUMNS);
		if (present != null) {
			missing.removeAll(present);
		}
		if (!missing.isEmpty()) {
			throw new InvalidWorkTableException("The table " + JdbcRecurringStore.tableName(this.table.name())
					+ " of recurring background work lacks column(s) " + String.join(", ", missing)
					+ ". Run the updated " + script() + ".", script(), null);
		}
	}

	private void verifyInstances() {
		String instances = this.table.name() + "_instance";
		ResultSetExtractor<Set<String>> columns = (rs) -> columns(rs.getMetaData());
		Set<String> present;
		try {
			present = new JdbcTemplate(this.dataSource)
				.query(this.table.sql("SELECT * FROM {table}_instance WHERE 1 = 0"), columns);
		}
		catch (BadSqlGrammarException ex) {
			throw new InvalidWorkTableException("The instances table " + instances
					+ " of durable background work does not exist (or cannot be read): "
					+ ex.getSQLException().getMessage() + ". It was added in a later schema script: run the updated "
					+ script() + " (it is safe to run again: every statement is IF NOT EXISTS).", script(), ex);
		}
		List<String> missing = missing(INSTANCE_COLUMNS, present);
		if (!missing.isEmpty()) {
			throw new InvalidWorkTableException(
					"The instances table " + instances + " of durable background work lacks column(s) "
							+ String.join(", ", missing) + ". Run the updated " + script() + ".",
					script(), null);
		}
	}

	private static Set<String> columns(ResultSetMetaData metaData) throws SQLException {
		// PostgreSQL answers in lowercase, H2 in uppercase: unquoted names are
		// case-insensitive
		Set<String> columns = new TreeSet<>();
		for (int i = 1; i <= metaData.getColumnCount(); i++) {
			columns.add(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT));
		}
		return columns;
	}

	/**
	 * Return the bundled schema script of the database, or of both when it cannot tell.
	 */
	private String script() {
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(this.dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			product = "";
		}
		String location = WorkSchema.LOCATION;
		return switch (product) {
			case "PostgreSQL" -> location.replace("@@platform@@", "postgresql");
			case "H2" -> location.replace("@@platform@@", "h2");
			default -> location.replace("@@platform@@", "postgresql") + " or " + location.replace("@@platform@@", "h2");
		};
	}

	/**
	 * The work table is missing, or lacks columns.
	 */
	public static final class InvalidWorkTableException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		private final String script;

		InvalidWorkTableException(String message, String script, @Nullable Throwable cause) {
			super(message, cause);
			this.script = script;
		}

		/**
		 * Return the location of the bundled schema script that creates or completes the
		 * table.
		 * @return a {@code classpath:} location
		 */
		public String script() {
			return this.script;
		}

	}

}
