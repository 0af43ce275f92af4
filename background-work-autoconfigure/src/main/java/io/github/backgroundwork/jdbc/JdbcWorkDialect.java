package io.github.backgroundwork.jdbc;

import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * What differs between the databases the store supports: the clock expression, the insert
 * that skips live keys, the claim and how an update returns its rows. One subclass per
 * database; the statements shared by every database are written once, in the
 * collaborators, with {@code {now}} and {@code {now+:param}} placeholders that
 * {@link #sql(WorkTable, String)} resolves.
 */
abstract class JdbcWorkDialect {

	private static final Pattern NOW_PLUS = Pattern.compile("\\{now([+-]):(\\w+)}");

	/**
	 * Return the dialect of the database behind a {@link DataSource}.
	 * @param dataSource the data source
	 * @return its dialect
	 * @throws IllegalStateException if the database is neither PostgreSQL nor H2
	 */
	static JdbcWorkDialect of(DataSource dataSource) {
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Could not tell which database the DataSource is: " + ex.getMessage(), ex);
		}
		return switch (product) {
			case "PostgreSQL" -> new PostgresWorkDialect();
			case "H2" -> new H2WorkDialect();
			default -> throw new IllegalStateException("Durable background work supports PostgreSQL and H2, but the "
					+ "DataSource is " + product + "; use background-work.store=memory with this database");
		};
	}

	/**
	 * Return the expression of the database's current time.
	 * @return a timestamp-with-time-zone SQL expression
	 */
	abstract String now();

	/**
	 * Return the expression of the database's current time plus or minus a number of
	 * milliseconds given by a named parameter.
	 * @param sign {@code +} or {@code -}
	 * @param parameter the name of the parameter holding the milliseconds
	 * @return the SQL expression
	 */
	abstract String nowPlusMillis(String sign, String parameter);

	/**
	 * Resolve a statement's {@code {table}}, {@code {now}} and {@code {now+:param}}
	 * placeholders.
	 * @param table the work table
	 * @param sql the statement
	 * @return the statement for this database
	 */
	final String sql(WorkTable table, String sql) {
		Matcher matcher = NOW_PLUS.matcher(table.sql(sql).replace("id IN (:ids)", idIn()));
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(resolved,
					Matcher.quoteReplacement(nowPlusMillis(matcher.group(1), matcher.group(2))));
		}
		matcher.appendTail(resolved);
		return resolved.toString().replace("{now}", now());
	}

	/**
	 * Return the condition that matches the ids bound as {@code :ids}; what statements
	 * write as {@code id IN (:ids)}.
	 * @return the condition
	 */
	String idIn() {
		return "id IN (:ids)";
	}

	/**
	 * Return how to bind ids for {@link #idIn()}.
	 * @param ids the ids
	 * @return the value of {@code :ids}
	 */
	Object ids(List<String> ids) {
		return ids;
	}

	/**
	 * Return an update that also returns columns of the rows it changed.
	 * @param update the {@code UPDATE} statement
	 * @param columns the columns to return, comma separated
	 * @return the statement
	 */
	abstract String returning(String update, String columns);

	/**
	 * Insert items, skipping those whose name and key are held by a live row, and where
	 * the database has notifications, tell listeners of the inserted names when the
	 * caller's transaction commits. Runs in the caller's transaction when there is one.
	 * @param jdbc the template
	 * @param table the work table
	 * @param channel the notification channel
	 * @param items the items
	 * @return one outcome per item, in order
	 */
	abstract List<InsertedWork> insert(JdbcTemplate jdbc, WorkTable table, String channel, List<NewWork> items);

	/**
	 * Claim due items: mark at most the request's limit of them running for
	 * {@code owner}, in due order, within the limits of each part, skipping rows other
	 * claimers hold. Called inside a transaction unless {@link #claimsInOneStatement()}.
	 * @param client the client
	 * @param jdbc the template behind the client
	 * @param table the work table
	 * @param owner the claiming instance
	 * @param lease how long the claim lasts, from the database's current time
	 * @param parts what to claim, not empty
	 * @return the claimed rows, oldest due first
	 */
	abstract List<ClaimedWork> claim(JdbcClient client, JdbcTemplate jdbc, WorkTable table, String owner,
			Duration lease, ClaimParts parts);

	/**
	 * Record that items succeeded, then claim, as {@link #claim} does, in one round trip.
	 * Only where {@link #claimsInOneStatement()}.
	 * @param jdbc the template
	 * @param table the work table
	 * @param complete the update that records successes, for {@code :owner} and
	 * {@code :ids}
	 * @param succeeded the ids of the items that succeeded, at most
	 * {@link WorkTable#MAX_IDS_PER_STATEMENT}
	 * @param owner the claiming instance
	 * @param lease how long the claim lasts
	 * @param parts what to claim, not empty
	 * @return the claimed rows
	 */
	List<ClaimedWork> completeAndClaim(JdbcTemplate jdbc, WorkTable table, String complete,
			Collection<String> succeeded, String owner, Duration lease, ClaimParts parts) {
		throw new UnsupportedOperationException("Not in one round trip on this database");
	}

	/**
	 * Return whether the claim is one statement, atomic by itself; otherwise the caller
	 * runs it in a transaction.
	 * @return whether {@link #claim} needs no transaction
	 */
	boolean claimsInOneStatement() {
		return false;
	}

	/**
	 * Return the cleaner's delete of at most {@code :batch} rows that ended before
	 * {@code :retention} milliseconds ago, oldest first, read from the finished index.
	 * @return the statement
	 */
	String deleteFinishedBatch() {
		return """
				DELETE FROM {table} WHERE id IN (
				    SELECT id FROM {table} WHERE finished_at < {now-:retention} ORDER BY finished_at LIMIT :batch)""";
	}

	/**
	 * Return a statement that makes the cleaner's delete walk the finished index,
	 * whatever the planner's statistics say, for the rest of its transaction; or
	 * {@code null} where the index is used anyway.
	 * @return the statement, or {@code null}
	 */
	@Nullable String deletePlan() {
		return null;
	}

	/**
	 * Tell listeners that items of these names wait, when the current transaction
	 * commits; nothing where the database has no notifications.
	 * @param client the client, in the transaction
	 * @param channel the notification channel
	 * @param names the names of work
	 */
	void notify(JdbcClient client, String channel, Collection<String> names) {
	}

	/**
	 * Whether inserts can wake listeners through the database.
	 * @return whether {@link #insert} notifies listeners
	 */
	boolean supportsNotify() {
		return false;
	}

}
