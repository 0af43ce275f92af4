package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The claimer on PostgreSQL, under faults: connections killed while items end lose no
 * outcome, and a stopped queue starts again, listener included.
 */
class PostgresClaimerFaultTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@BeforeEach
	void clear() {
		database.clear();
	}

	@Test
	void outcomesSurviveALostConnection() throws Exception {
		CountingMails handlers = new CountingMails(Duration.ofMillis(3));
		DefaultBackgroundWorkQueue queue = queue(handlers, new AtomicReference<>());
		List<WorkRequest> requests = new ArrayList<>();
		for (int customer = 0; customer < 1000; customer++) {
			requests.add(WorkRequest.of("mail", new Mail(customer)));
		}
		queue.enqueueAll(requests);
		// Its own connections, which it does not kill
		JdbcTemplate killer = new JdbcTemplate(new DriverManagerDataSource(database.dataSource().getJdbcUrl()));
		// Kills every connection of the queue each time another 100 items have run, so
		// that the faults fall among the items however fast the machine runs them
		AtomicInteger rounds = new AtomicInteger();
		Thread killing = new Thread(() -> {
			for (int round = 1; round < 10; round++) {
				try {
					handlers.ran.acquire(100);
				}
				catch (InterruptedException ex) {
					return;
				}
				Integer killed = killer.queryForObject("SELECT COUNT(pg_terminate_backend(pid)) "
						+ "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
						+ "AND backend_type = 'client backend'", Integer.class);
				if (killed != null && killed > 0) {
					rounds.incrementAndGet();
				}
			}
		});
		try {
			queue.start();
			killing.start();
			await().atMost(Duration.ofSeconds(90))
				.ignoreExceptions()
				.until(() -> succeeded() == 1000 || handlers.ranTwice());
		}
		finally {
			killing.interrupt();
			killing.join();
			queue.stop();
			// The pool may still hold connections killed by the last round: the reads
			// below and the next test must not get one
			database.dataSource().getHikariPoolMXBean().softEvictConnections();
		}
		assertThat(rounds).as("rounds that killed the queue's connections while items ran")
			.hasValueGreaterThanOrEqualTo(5);
		assertThat(handlers.runs).hasSize(1000).allSatisfy((customer, runs) -> assertThat(runs).isOne());
		assertThat(succeeded()).isEqualTo(1000);
	}

	@Test
	void queueRestartsOnPostgres() {
		CountingMails handlers = new CountingMails(Duration.ZERO);
		AtomicReference<JdbcDurableWork> durable = new AtomicReference<>();
		DefaultBackgroundWorkQueue queue = queue(handlers, durable);
		try {
			queue.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> durable.get().isListening());
			queue.stop();
			assertThat(durable.get().isListening()).isFalse();
			queue.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> durable.get().isListening());
			queue.enqueue(WorkRequest.of("mail", new Mail(1)));
			await().atMost(Duration.ofSeconds(10)).until(() -> handlers.runs.containsKey(1));
			Integer listeners = database.jdbc()
				.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' "
						+ "AND datname = current_database()", Integer.class);
			assertThat(listeners).as("one listener, not one per start").isOne();
		}
		finally {
			queue.stop();
		}
	}

	private static DefaultBackgroundWorkQueue queue(CountingMails handlers, AtomicReference<JdbcDurableWork> durable) {
		return DefaultBackgroundWorkQueue.builder()
			.concurrency(4)
			.threadNamePrefix("pg-faults-")
			.handlers(WorkHandlers.of(handlers))
			.durableWork(JdbcDurableWork
				.factory(database.dataSource(), database.store(Duration.ofSeconds(3)), JsonMapper.shared(),
						Duration.ofMillis(200), Duration.ofDays(7))
				.andThen((work) -> {
					durable.set((JdbcDurableWork) work);
					return work;
				}))
			.build();
	}

	private static int succeeded() {
		Integer count = database.jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'SUCCEEDED'", Integer.class);
		return (count != null) ? count : 0;
	}

}
