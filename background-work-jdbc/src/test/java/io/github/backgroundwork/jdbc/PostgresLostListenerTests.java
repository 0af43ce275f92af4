package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queue whose PostgreSQL listener connection is killed still finds new work through its
 * poll, and listens again.
 */
class PostgresLostListenerTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	private final DurableHandlers handlers = new DurableHandlers();

	private final AtomicReference<JdbcDurableWork> durable = new AtomicReference<>();

	private DefaultBackgroundWorkQueue queue;

	@BeforeEach
	void startQueue() {
		var factory = JdbcDurableWork.factory(database.dataSource(), database.store(), JsonMapper.shared(),
				Duration.ofMillis(200), Duration.ofDays(7));
		this.queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.handlers(WorkHandlers.of(this.handlers))
			.durableWork((engine) -> {
				JdbcDurableWork work = (JdbcDurableWork) factory.apply(engine);
				this.durable.set(work);
				return work;
			})
			.build();
		this.queue.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.durable.get().isListening());
	}

	@AfterEach
	void stopQueue() {
		this.queue.stop();
	}

	@Test
	void workEnqueuedAfterTheListenerConnectionIsKilledStillRunsAndTheListenerComesBack() {
		Integer killed = database.jdbc()
			.queryForObject("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
					+ "WHERE query LIKE 'LISTEN %' AND datname = current_database() AND pid <> pg_backend_pid()",
					Integer.class);
		assertThat(killed).as("listener connections killed").isOne();
		// Another instance enqueues: nothing wakes this queue locally
		database.store().insert(NewWork.of("after-kill", "mail", null, "{\"customer\":7}", Mail.class.getName(), 0));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> database.store()
				.reader()
				.findById("after-kill")
				.orElseThrow()
				.state() == StoredState.SUCCEEDED);
		assertThat(this.handlers.ranOn).containsOnlyKeys(7);
		// The listener may not yet have noticed the kill: wait for the new connection's
		// LISTEN, then for the queue to say so
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(database.jdbc()
				.queryForObject("SELECT COUNT(*) FROM pg_stat_activity "
						+ "WHERE query LIKE 'LISTEN %' AND datname = current_database()", Integer.class))
				.as("listener connections after the reconnect")
				.isOne());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.durable.get().isListening());
	}

}
