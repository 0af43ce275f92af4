package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Runs statements in one round trip: they are sent as one multi-statement query, which
 * PostgreSQL runs in one implicit transaction (up to the protocol's {@code Sync}), so
 * planner settings made local to the transaction by the first hold for the others and end
 * with them, a failure of any undoes all, and row locks are released when it returns. On
 * a connection that is not in auto-commit mode they run in its transaction, which is then
 * committed.
 */
final class PostgresClaim {

	/**
	 * Parsed queries, as {@code NamedParameterJdbcTemplate} keeps them: a claimer sends
	 * the same few texts thousands of times a second: per work table, with or without a
	 * filter of names, with or without successes to record.
	 */
	private static final Map<String, ParsedSql> PARSED = new ConcurrentHashMap<>();

	private PostgresClaim() {
	}

	/**
	 * Run statements, then {@code query}, and map the rows of the last.
	 * @param jdbc the template whose data source lends the connection
	 * @param before the statements to run first, such as planner settings local to the
	 * transaction
	 * @param query the statement whose rows are wanted
	 * @param parameters the parameters of all of them, by name
	 * @param rows how to map the rows of {@code query}
	 * @return the rows
	 */
	static <T> List<T> query(JdbcTemplate jdbc, List<String> before, String query, Map<String, ?> parameters,
			RowMapper<T> rows) {
		MapSqlParameterSource source = new MapSqlParameterSource(parameters);
		List<String> statements = new ArrayList<>(before);
		statements.add(query);
		ParsedSql parsed = PARSED.computeIfAbsent(String.join(";\n", statements),
				NamedParameterUtils::parseSqlStatement);
		String sql = NamedParameterUtils.substituteNamedParameters(parsed, source);
		// A collection stands for as many placeholders as it has elements
		List<Object> values = new ArrayList<>();
		for (Object value : NamedParameterUtils.buildValueArray(parsed, source, null)) {
			if (value instanceof Collection<?> elements) {
				values.addAll(elements);
			}
			else {
				values.add(value);
			}
		}
		List<T> result = jdbc.execute((Connection connection) -> {
			boolean autoCommit = connection.getAutoCommit();
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				new ArgumentPreparedStatementSetter(values.toArray()).setValues(statement);
				boolean isResultSet = statement.execute();
				// One result per statement: the query's comes after those of the others
				for (int skip = before.size(); skip > 0; skip--) {
					isResultSet = statement.getMoreResults();
				}
				if (!isResultSet) {
					throw new SQLException("No rows from " + query);
				}
				List<T> mapped;
				try (ResultSet resultSet = statement.getResultSet()) {
					mapped = new RowMapperResultSetExtractor<>(rows).extractData(resultSet);
				}
				if (!autoCommit) {
					connection.commit();
				}
				return mapped;
			}
			catch (SQLException | RuntimeException ex) {
				if (!autoCommit) {
					connection.rollback();
				}
				throw ex;
			}
		});
		return (result != null) ? result : List.of();
	}

}
