package io.github.backgroundwork.actuate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BackgroundWorkHealthIndicator}.
 */
class BackgroundWorkHealthIndicatorTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private final DefaultBackgroundWorkQueue queue = TestQueues
		.started(DefaultBackgroundWorkQueue.builder().concurrency(1).capacity(4).threadNamePrefix("health-tests-"));

	private final BackgroundWorkHealthIndicator indicator = new BackgroundWorkHealthIndicator(this.queue);

	@AfterEach
	void close() {
		this.release.countDown();
		this.queue.close();
	}

	@Test
	void upWithDetailsWhileRunning() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		this.queue.enqueue("report", (context) -> {
			started.countDown();
			this.release.await(10, TimeUnit.SECONDS);
		});
		this.queue.enqueue("mail", (context) -> {
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", QueueState.RUNNING)
			.containsEntry("queued", 1L)
			.containsEntry("running", 1L)
			.containsEntry("concurrency", 1)
			.containsEntry("capacity", 4)
			.containsEntry("capacityUsed", 25.0);
	}

	@Test
	void outOfServiceOnceTheDrainBegins() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle draining = this.queue.enqueue("report", (context) -> {
			started.countDown();
			this.release.await(10, TimeUnit.SECONDS);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		CompletableFuture<Void> stop = CompletableFuture.runAsync(this.queue::stop);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.statistics().state() == QueueState.DRAINING);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("state", QueueState.DRAINING).containsEntry("running", 1L);
		this.release.countDown();
		stop.get(5, TimeUnit.SECONDS);
		assertThat(draining.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(this.indicator.health().getDetails()).containsEntry("state", QueueState.TERMINATED);
	}

}
