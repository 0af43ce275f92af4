package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Runs a statement after planner settings local to its transaction, in one round trip:
 * both are sent as one multi-statement query, which PostgreSQL runs in one implicit
 * transaction (up to the protocol's {@code Sync}), so the settings hold for the statement
 * and end with it, and its row locks are released when it returns. On a connection that
 * is not in auto-commit mode the two run in its transaction, which is then committed.
 */
final class PostgresClaim {

	private PostgresClaim() {
	}

	/**
	 * Run {@code settings}, then {@code query}, and map the rows of the second.
	 * @param jdbc the template whose data source lends the connection
	 * @param settings a statement that sets planner settings local to the transaction
	 * @param query the statement, with named parameters
	 * @param parameters its parameters, by name
	 * @param rows how to map its rows
	 * @return the rows
	 */
	static <T> List<T> query(JdbcTemplate jdbc, String settings, String query, Map<String, ?> parameters,
			RowMapper<T> rows) {
		MapSqlParameterSource source = new MapSqlParameterSource(parameters);
		ParsedSql parsed = NamedParameterUtils.parseSqlStatement(settings + ";\n" + query);
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
				statement.execute();
				if (!statement.getMoreResults()) {
					throw new SQLException("No result from the statement after the planner settings: " + query);
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
