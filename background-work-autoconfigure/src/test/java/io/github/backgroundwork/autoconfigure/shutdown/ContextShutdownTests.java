package io.github.backgroundwork.autoconfigure.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.autoconfigure.shutdown.ShutdownTestApplication.Journal;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests that closing a real application context drains the queue before any bean is
 * destroyed.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
class ContextShutdownTests {

	@Test
	void queuedItemsCompleteBeforeCloseReturns() {
		ConfigurableApplicationContext context = ShutdownTestApplication.start("background-work.concurrency=2");
		BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
		Journal journal = context.getBean(Journal.class);
		AtomicInteger done = new AtomicInteger();
		for (int i = 0; i < 50; i++) {
			queue.enqueue("item", (work) -> {
				Thread.sleep(5); // simulates slow work
				done.incrementAndGet();
			});
		}
		context.close();
		assertThat(done).hasValue(50);
		assertThat(queue.statistics().totals().succeeded()).isEqualTo(50);
		assertThat(journal.events).containsExactly("bean destroyed");
	}

	@Test
	void workUsesTheDataSourceDuringTheDrain() throws Exception {
		ConfigurableApplicationContext context = ShutdownTestApplication.start();
		BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		jdbc.execute("create table mail (recipient varchar(100))");
		CountDownLatch draining = new CountDownLatch(1);
		CompletableFuture<Integer> rows = new CompletableFuture<>();
		WorkHandle handle = queue.enqueue("mail", (work) -> {
			draining.await();
			jdbc.update("insert into mail values (?)", "ada@example.com");
			rows.complete(jdbc.queryForObject("select count(*) from mail", Integer.class));
		});
		Thread closer = new Thread(context::close);
		closer.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> queue.statistics().state() == QueueState.DRAINING);
		draining.countDown();
		closer.join(10_000);
		assertThat(closer.isAlive()).isFalse();
		assertThat(rows.get(0, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void drainOutlastsTheLifecyclePhaseTimeout() {
		ConfigurableApplicationContext context = ShutdownTestApplication
			.start("spring.lifecycle.timeout-per-shutdown-phase=1s", "background-work.shutdown.drain-timeout=10s");
		BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
		Journal journal = context.getBean(Journal.class);
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle handle = queue.enqueue("three-seconds", (work) -> {
			started.countDown();
			Thread.sleep(3_000); // simulates work that outlasts the 1 s phase timeout
			journal.events.add("work finished");
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> started.getCount() == 0);
		context.close();
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(journal.events).containsExactly("work finished", "bean destroyed");
	}

	@Test
	void uncooperativeWorkIsCancelledThenInterruptedThenReportedByName() throws Exception {
		ConfigurableApplicationContext context = ShutdownTestApplication.start(
				"background-work.shutdown.drain-timeout=300ms", "background-work.shutdown.cancellation-grace=300ms",
				"background-work.concurrency=1");
		BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
		Journal journal = context.getBean(Journal.class);
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<String> sawCancellation = new CompletableFuture<>();
		CompletableFuture<String> sawInterrupt = new CompletableFuture<>();
		queue.enqueue("stubborn", (work) -> {
			started.countDown();
			work.onCancellation(() -> sawCancellation.complete("cancel requested"));
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				sawInterrupt.complete("interrupted");
			}
		});
		queue.enqueue("waiting", (work) -> {
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		context.close();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofMillis(600 + 2000));
		assertThat(sawCancellation.get(5, TimeUnit.SECONDS)).isEqualTo("cancel requested");
		assertThat(sawInterrupt.get(5, TimeUnit.SECONDS)).isEqualTo("interrupted");
		assertThat(journal.abandoned).containsExactly("waiting", "stubborn");
		assertThat(queue.statistics().totals().abandoned()).isEqualTo(2);
	}

	@Test
	void enqueueDuringShutdownIsRefusedWithTheReason() {
		ConfigurableApplicationContext context = ShutdownTestApplication.start();
		BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
		CountDownLatch release = new CountDownLatch(1);
		queue.enqueue("long", (work) -> release.await());
		Thread closer = new Thread(context::close);
		closer.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> queue.statistics().state() == QueueState.DRAINING);
		List<Throwable> refused = new java.util.ArrayList<>();
		try {
			queue.enqueue("late", (work) -> {
			});
		}
		catch (WorkRejectedException ex) {
			refused.add(ex);
		}
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> !closer.isAlive());
		assertThat(refused).singleElement()
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("refused: the queue is shutting down"));
		assertThatExceptionOfType(WorkRejectedException.class).isThrownBy(() -> queue.enqueue("after", (work) -> {
		})).withMessageContaining("TERMINATED");
	}

}
