package io.github.backgroundwork.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells what in an H2 file database's settings breaks the durable store's promises: H2
 * closes a database at JVM exit by its own shutdown hook unless the URL says
 * {@code DB_CLOSE_ON_EXIT=FALSE}, so a queue that still drains at SIGTERM cannot write
 * its outcomes (and the items run again after the restart); and H2 writes committed
 * transactions up to {@code WRITE_DELAY} milliseconds later (500 by default), so a
 * {@code kill -9} loses what was committed just before it. In-memory databases are left
 * alone: they keep nothing across a restart anyway.
 *
 * @since 0.1.0
 */
public final class H2FileDurability {

	private H2FileDurability() {
	}

	/**
	 * Return what is wrong with an H2 file database for durable work, one sentence each.
	 * @param dataSource the data source, H2 or not
	 * @param url the JDBC URL the application configured ({@code spring.datasource.url}),
	 * or {@code null} if unknown
	 * @return the problems, empty if none or if the database is not an H2 file database
	 */
	public static List<String> problems(DataSource dataSource, @Nullable String url) {
		List<String> problems = new ArrayList<>();
		if (url == null || !isH2File(url)) {
			return problems;
		}
		String settings = url.toUpperCase(Locale.ROOT).replace(" ", "");
		if (!settings.contains(";DB_CLOSE_ON_EXIT=FALSE")) {
			problems.add("H2 closes the database by its own JVM shutdown hook while the queue still drains and"
					+ " writes outcomes at SIGTERM: add ;DB_CLOSE_ON_EXIT=FALSE to the URL");
		}
		Integer writeDelay = writeDelay(dataSource);
		if (writeDelay != null && writeDelay > 0) {
			problems.add("H2 writes committed transactions up to " + writeDelay
					+ " ms later (WRITE_DELAY), so a kill -9 loses what was just committed: add ;WRITE_DELAY=0 to"
					+ " the URL");
		}
		return problems;
	}

	static boolean isH2File(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("jdbc:h2:")) {
			return false;
		}
		String rest = lower.substring("jdbc:h2:".length());
		return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
	}

	private static @Nullable Integer writeDelay(DataSource dataSource) {
		try {
			List<String> values = new JdbcTemplate(dataSource).queryForList(
					"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'",
					String.class);
			return values.isEmpty() ? null : Integer.valueOf(values.get(0).trim());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
