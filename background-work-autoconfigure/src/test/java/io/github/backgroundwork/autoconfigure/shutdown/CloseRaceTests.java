package io.github.backgroundwork.autoconfigure.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkTotals;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Producers enqueue while the context closes: every accepted item ends or is reported
 * abandoned, every refused one got an exception, none is lost and none runs twice.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
class CloseRaceTests {

	private static final int PRODUCERS = 4;

	@RepeatedTest(3)
	void producersRacingTheCloseLoseNothing() throws Exception {
		ConfigurableApplicationContext context = ShutdownTestApplication.start("background-work.concurrency=2",
				"background-work.queue.capacity=50", "background-work.shutdown.drain-timeout=200ms",
				"background-work.shutdown.cancellation-grace=200ms");
		BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
		List<WorkHandle> accepted = new CopyOnWriteArrayList<>();
		Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
		AtomicInteger refused = new AtomicInteger();
		CountDownLatch producing = new CountDownLatch(PRODUCERS);
		ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
		for (int p = 0; p < PRODUCERS; p++) {
			producers.execute(() -> {
				producing.countDown();
				while (!queue.statistics().state().equals(io.github.backgroundwork.QueueState.TERMINATED)) {
					try {
						accepted.add(queue.enqueue("race", (work) -> {
							runs.computeIfAbsent(work.id(), (id) -> new AtomicInteger()).incrementAndGet();
							long until = System.nanoTime() + 200_000;
							while (System.nanoTime() < until && !work.isCancellationRequested()) {
								Thread.onSpinWait();
							}
						}));
					}
					catch (RejectedExecutionException ex) {
						refused.incrementAndGet();
					}
				}
			});
		}
		assertThat(producing.await(5, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() >= 100);
		context.close();
		producers.shutdown();
		assertThat(producers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

		WorkTotals totals = queue.statistics().totals();
		assertThat(totals.accepted()).isEqualTo(accepted.size());
		assertThat(totals.rejected()).isEqualTo(refused.get());
		assertThat(totals.succeeded() + totals.failed() + totals.cancelled() + totals.abandoned())
			.isEqualTo(totals.accepted());
		assertThat(accepted)
			.allSatisfy((handle) -> assertThat(handle.state().isTerminal() || handle.snapshot().abandoned())
				.as("%s ended or was reported", handle)
				.isTrue());
		assertThat(runs.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
		assertThat(accepted).filteredOn((handle) -> handle.state() == io.github.backgroundwork.WorkState.SUCCEEDED)
			.allSatisfy((handle) -> assertThat(runs).containsKey(handle.id()));
		assertThat(runs).hasSizeLessThanOrEqualTo(accepted.size());
		assertThat(totals.failed()).isZero();
	}

}
