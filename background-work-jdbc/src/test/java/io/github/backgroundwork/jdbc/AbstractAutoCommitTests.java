package io.github.backgroundwork.jdbc;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write is committed, seen from another connection, even on a pool whose
 * connections are not in auto-commit mode
 * ({@code spring.datasource.hikari.auto-commit=false}), where a statement run outside a
 * transaction is rolled back when its connection is returned.
 */
abstract class AbstractAutoCommitTests {

	abstract TestDatabase database();

	private HikariDataSource pool;

	private JdbcWorkStore store;

	private JdbcTemplate other;

	@BeforeEach
	void setUp() {
		database().clear();
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(database().dataSource().getJdbcUrl());
		this.pool.setAutoCommit(false);
		this.pool.setMaximumPoolSize(4);
		this.store = JdbcWorkStore.builder(this.pool).build();
		// The test's pool is in auto-commit mode: what it reads is what others see
		this.other = database().jdbc();
	}

	@AfterEach
	void closePool() {
		this.pool.close();
	}

	@Test
	void writesAreCommittedWhateverThePoolsAutoCommit() {
		List<NewWork> items = List.of(item("a"), item("b"), item("c"), item("d"), item("e"), item("f"));
		this.store.insertAll(items);
		assertThat(count("state = 'QUEUED'")).as("inserted outside any transaction").isEqualTo(6);
		assertThat(this.store.claim("owner", 6)).hasSize(6);
		assertThat(count("state = 'RUNNING' AND owner = 'owner'")).as("claimed").isEqualTo(6);
		String a = items.get(0).id();
		String b = items.get(1).id();
		String c = items.get(2).id();
		String d = items.get(3).id();
		String e = items.get(4).id();
		String f = items.get(5).id();
		assertThat(this.store.complete("owner", List.of(a))).containsExactly(a);
		assertThat(this.store.fail("owner", b, "boom")).isTrue();
		assertThat(this.store.retryLater("owner", c, Duration.ofHours(1), "again")).isTrue();
		assertThat(this.store.release("owner", List.of(d))).containsExactly(d);
		this.other.update("UPDATE background_work SET lease_until = ? WHERE id = ?",
				Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")), e);
		assertThat(this.store.renew("owner", List.of(e)).held()).containsExactly(e);
		assertThat(this.store.requestCancellation(f)).isTrue();
		assertThat(states()).containsEntry(a, "SUCCEEDED")
			.containsEntry(b, "FAILED")
			.containsEntry(c, "SCHEDULED")
			.containsEntry(d, "QUEUED")
			.containsEntry(e, "RUNNING")
			.containsEntry(f, "RUNNING");
		assertThat(count("id = '" + e + "' AND lease_until > CURRENT_TIMESTAMP")).as("renewed").isOne();
		assertThat(count("id = '" + f + "' AND cancel_requested")).as("cancellation requested").isOne();
		assertThat(this.store.cancelRunning("owner", e)).isTrue();
		assertThat(this.store.cancelWaiting(c)).isTrue();
		assertThat(states()).containsEntry(e, "CANCELLED").containsEntry(c, "CANCELLED");
		this.other.update("UPDATE background_work SET lease_until = ? WHERE id = ?",
				Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")), f);
		this.store.rescueExpired();
		assertThat(states()).as("rescued").containsEntry(f, "CANCELLED");
		assertThat(this.store.deleteFinished(Duration.ZERO, 2)).isEqualTo(5);
		assertThat(states()).as("cleaned up").containsOnlyKeys(d);
	}

	@Test
	void insertsAndCancellationsJoinTheCallersTransaction() {
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.pool));
		NewWork rolledBack = item("n");
		NewWork committed = item("n");
		transactions.executeWithoutResult((status) -> {
			this.store.insert(rolledBack);
			status.setRollbackOnly();
		});
		transactions.executeWithoutResult((status) -> this.store.insert(committed));
		assertThat(states()).containsOnlyKeys(committed.id());
		transactions.executeWithoutResult((status) -> {
			assertThat(this.store.cancelWaiting(committed.id())).isTrue();
			status.setRollbackOnly();
		});
		assertThat(states()).as("a rolled back cancellation never happened").containsEntry(committed.id(), "QUEUED");
		NewWork enqueuedAndCancelled = item("n");
		transactions.executeWithoutResult((status) -> {
			this.store.insert(enqueuedAndCancelled);
			assertThat(this.store.cancelWaiting(enqueuedAndCancelled.id())).isTrue();
		});
		assertThat(states()).containsEntry(enqueuedAndCancelled.id(), "CANCELLED");
	}

	private int count(String condition) {
		Integer count = this.other.queryForObject("SELECT COUNT(*) FROM background_work WHERE " + condition,
				Integer.class);
		return (count != null) ? count : 0;
	}

	private Map<String, String> states() {
		Map<String, String> states = new HashMap<>();
		this.other.query("SELECT id, state FROM background_work",
				(RowCallbackHandler) (rs) -> states.put(rs.getString("id"), rs.getString("state")));
		return states;
	}

}
