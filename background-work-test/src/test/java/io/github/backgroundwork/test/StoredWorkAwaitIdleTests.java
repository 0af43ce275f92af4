package io.github.backgroundwork.test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BackgroundWorkTestSupport#awaitIdle} with {@code store=jdbc}: it waits for the
 * queue's stored items wherever they run, rows committed a moment ago that no claimer has
 * taken yet included, not only for those this instance has claimed.
 */
class StoredWorkAwaitIdleTests {

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private final Greetings greetings = new Greetings();

	private final List<DefaultBackgroundWorkQueue> queues = new CopyOnWriteArrayList<>();

	StoredWorkAwaitIdleTests() {
		this.dataSource.setURL("jdbc:h2:mem:await-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new ClassPathResource("io/github/backgroundwork/jdbc/schema-h2.sql"))
			.execute(this.dataSource);
	}

	@AfterEach
	void stopQueues() {
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	@Test
	void waitsForStoredWorkThatNoClaimerHasTakenYet() {
		// This instance stores the work but runs none (it has not started); another
		// instance of the same queue runs it within its poll interval
		DefaultBackgroundWorkQueue here = queue();
		queue().start();
		here.enqueue(WorkRequest.of("greeting", new Greeting("Ada")));
		BackgroundWorkTestSupport.awaitIdle(here, Duration.ofSeconds(10));
		assertThat(this.greetings.greeted).containsExactly("Ada");
	}

	@Test
	void waitsForStoredWorkScheduledForLater() {
		DefaultBackgroundWorkQueue queue = queue();
		queue.start();
		queue.enqueue(WorkRequest.builder("greeting", new Greeting("Grace")).delay(Duration.ofMillis(500)).build());
		BackgroundWorkTestSupport.awaitIdle(queue, Duration.ofSeconds(10));
		assertThat(this.greetings.greeted).containsExactly("Grace");
	}

	private DefaultBackgroundWorkQueue queue() {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.handlers(WorkHandlers.of(this.greetings))
			.durableWork(JdbcDurableWork
				.builder(this.dataSource, JdbcWorkStore.builder(this.dataSource).build(), JsonMapper.shared())
				.pollInterval(Duration.ofMillis(300))
				.factory())
			.build();
		this.queues.add(queue);
		return queue;
	}

	static class Greetings {

		final List<String> greeted = new CopyOnWriteArrayList<>();

		@BackgroundWorkHandler("greeting")
		void greet(Greeting greeting) {
			this.greeted.add(greeting.to());
		}

	}

	record Greeting(String to) {

	}

}
