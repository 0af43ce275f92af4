package io.github.backgroundwork.jdbc;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Finds the rows an instance holds without knowing it, and gives them back: a claim that
 * committed but whose answer was lost (the connection broke on the way back), or a
 * hand-over that failed halfway, leaves rows running under the instance's name that
 * nothing runs nor renews. Released, their attempt is not consumed.
 */
final class WorkOrphans {

	private static final String RUNNING_IDS = """
			SELECT id FROM {table} WHERE state = 'RUNNING' AND owner = :owner""";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final WorkClaimer claimer;

	WorkOrphans(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, WorkClaimer claimer) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.claimer = claimer;
	}

	/**
	 * Release the rows running under {@code owner} but for {@code tracked}: two short
	 * statements, the second touching only rows still running under {@code owner}. The
	 * caller must not claim meanwhile, or it could release what it just claimed.
	 */
	Set<String> releaseUntracked(String owner, Collection<String> tracked) {
		Assert.hasText(owner, "owner must not be empty");
		Assert.notNull(tracked, "tracked must not be null");
		Set<String> untracked = new HashSet<>(this.client.sql(this.dialect.sql(this.table, RUNNING_IDS))
			.param("owner", owner)
			.query(String.class)
			.list());
		untracked.removeAll(tracked);
		return untracked.isEmpty() ? Set.of() : this.claimer.release(owner, untracked);
	}

}
