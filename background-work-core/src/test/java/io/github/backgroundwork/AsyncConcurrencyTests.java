package io.github.backgroundwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@code concurrency} bounds asynchronous items too: an async item holds its
 * place until its stage completes.
 */
class AsyncConcurrencyTests {

	private final DefaultBackgroundWorkQueue queue = TestQueues
		.started(DefaultBackgroundWorkQueue.builder().concurrency(2).threadNamePrefix("async-bound-tests-"));

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void asyncItemsHoldTheirPlaceUntilTheirStageCompletes() {
		List<CompletableFuture<Void>> stages = new ArrayList<>();
		AtomicInteger startedCount = new AtomicInteger();
		List<WorkHandle> handles = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			CompletableFuture<Void> stage = new CompletableFuture<>();
			stages.add(stage);
			handles.add(this.queue.enqueueAsync("async", (context) -> {
				startedCount.incrementAndGet();
				return stage;
			}));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.statistics().running() == 2);
		assertThat(startedCount).hasValue(2);
		assertThat(handles).filteredOn((handle) -> handle.state() == WorkState.RUNNING).hasSize(2);
		assertThat(this.queue.statistics().queued()).isEqualTo(998);
		// Completing a stage frees its place for the next item, and only that one
		stages.get(0).complete(null);
		await().atMost(Duration.ofSeconds(5)).until(() -> startedCount.get() == 3);
		assertThat(handles.get(0).state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(this.queue.statistics().running()).isEqualTo(2);
		stages.forEach((stage) -> stage.complete(null));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.queue.statistics().totals().succeeded()).isEqualTo(1000));
		assertThat(startedCount).hasValue(1000);
	}

	@Test
	void aSynchronousItemWaitsWhileAsyncItemsHoldEveryPlace() {
		CompletableFuture<Void> first = new CompletableFuture<>();
		CompletableFuture<Void> second = new CompletableFuture<>();
		this.queue.enqueueAsync("async", (context) -> first);
		this.queue.enqueueAsync("async", (context) -> second);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.statistics().running() == 2);
		WorkHandle sync = this.queue.enqueue("sync", (context) -> {
		});
		assertThat(sync.state()).isEqualTo(WorkState.QUEUED);
		second.completeExceptionally(new IllegalStateException("boom"));
		await().atMost(Duration.ofSeconds(5)).until(() -> sync.state() == WorkState.SUCCEEDED);
		first.complete(null);
	}

}
