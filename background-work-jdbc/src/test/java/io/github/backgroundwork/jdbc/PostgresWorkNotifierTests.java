package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifier hears committed inserts on its own connection, and comes back when that
 * connection is lost.
 */
class PostgresWorkNotifierTests {

	private static final String RECONNECTED = "<reconnected>";

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

	private JdbcWorkStore store;

	private TransactionTemplate transactions;

	private PostgresWorkNotifier notifier;

	@BeforeEach
	void startNotifier() {
		this.store = database.store();
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
		this.notifier = new PostgresWorkNotifier(database.dataSource(), this.store.notificationChannel(),
				(name) -> this.heard.add(Optional.ofNullable(name).orElse(RECONNECTED)), new FixedBackOff(100));
		this.notifier.start();
		await().atMost(Duration.ofSeconds(10)).until(this.notifier::isListening);
	}

	@AfterEach
	void stopNotifier() {
		this.notifier.stop();
	}

	@Test
	void hearsTheNameOfACommittedInsert() throws InterruptedException {
		assertThat(this.store.supportsNotifications()).isTrue();
		this.transactions.executeWithoutResult((status) -> {
			this.store.insertAll(List.of(item("thumbnail"), item("thumbnail"), item("report")));
			assertThat(this.heard).as("nothing before the commit").isEmpty();
		});
		assertThat(List.of(next(), next())).as("one notification per name")
			.containsExactlyInAnyOrder("thumbnail", "report");
	}

	@Test
	void hearsNothingOfARolledBackInsert() throws InterruptedException {
		this.transactions.executeWithoutResult((status) -> {
			this.store.insert(item("rolled-back"));
			status.setRollbackOnly();
		});
		this.store.insert(item("committed"));
		assertThat(next()).as("the first notification is the committed insert's").isEqualTo("committed");
	}

	@Test
	void reconnectsAfterItsConnectionIsKilledAndCallsBackOnce() throws InterruptedException {
		Integer killed = database.jdbc()
			.queryForObject("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
					+ "WHERE query = 'LISTEN background_work' AND datname = current_database() "
					+ "AND pid <> pg_backend_pid()", Integer.class);
		assertThat(killed).isOne();
		assertThat(next()).isEqualTo(RECONNECTED);
		await().atMost(Duration.ofSeconds(10)).until(this.notifier::isListening);
		this.store.insert(item("after-reconnect"));
		assertThat(next()).isEqualTo("after-reconnect");
		assertThat(this.heard).as("called back once").isEmpty();
	}

	@Test
	void stopEndsTheListenerAndGivesItsConnectionBack() {
		this.notifier.stop();
		assertThat(this.notifier.isRunning()).isFalse();
		assertThat(this.notifier.isListening()).isFalse();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> database.dataSource().getHikariPoolMXBean().getActiveConnections() == 0);
	}

	private String next() throws InterruptedException {
		String name = this.heard.poll(10, TimeUnit.SECONDS);
		assertThat(name).as("a notification within 10 s").isNotNull();
		return name;
	}

}
