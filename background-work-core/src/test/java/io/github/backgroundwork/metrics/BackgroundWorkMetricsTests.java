package io.github.backgroundwork.metrics;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BackgroundWorkMeterBinder} and {@link BackgroundWorkMetricsListener}.
 */
class BackgroundWorkMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CountDownLatch release = new CountDownLatch(1);

	private DefaultBackgroundWorkQueue queue;

	@AfterEach
	void close() {
		this.release.countDown();
		if (this.queue != null) {
			this.queue.close();
		}
	}

	@Test
	void metersCountAKnownSequenceOfOutcomes() throws Exception {
		this.queue = instrumented(DefaultBackgroundWorkQueue.builder().concurrency(1).capacity(1));
		finish(this.queue.enqueue("mail", (context) -> {
		}));
		finish(this.queue.enqueue("mail", (context) -> {
		}));
		finish(this.queue.enqueue("mail", (context) -> {
			throw new IllegalStateException("smtp down");
		}));
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle running = this.queue.enqueue("export", (context) -> {
			started.countDown();
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			cancelled.await(10, TimeUnit.SECONDS);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		WorkHandle waiting = this.queue.enqueue("thumbnail", (context) -> {
		});
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(WorkRejectedException.class)
				.isThrownBy(() -> this.queue.enqueue("thumbnail", (context) -> {
				}));
		}
		assertThat(gauge("background.work.queued")).isEqualTo(1);
		assertThat(gauge("background.work.running")).isEqualTo(1);
		assertThat(this.registry.get("background.work.rejected").functionCounter().count()).isEqualTo(2);

		waiting.cancel();
		running.cancel();
		finish(running);
		assertThat(gauge("background.work.queued")).isZero();
		assertThat(gauge("background.work.running")).isZero();
		assertThat(completed("mail", "success")).isEqualTo(2);
		assertThat(completed("mail", "failure")).isEqualTo(1);
		assertThat(completed("mail", "cancelled")).isZero();
		assertThat(completed("export", "cancelled")).isEqualTo(1);
		assertThat(completed("thumbnail", "cancelled")).isEqualTo(1);
		assertThat(durations("mail", "success")).isEqualTo(2);
		assertThat(durations("mail", "failure")).isEqualTo(1);
		assertThat(durations("export", "cancelled")).isEqualTo(1);
		assertThat(durations("thumbnail", "cancelled")).as("never started, so never ran").isZero();
		assertThat(waits("mail")).isEqualTo(3);
		assertThat(waits("export")).isEqualTo(1);
		assertThat(waits("thumbnail")).isZero();
		assertThat(this.registry.get("background.work.abandoned").functionCounter().count()).isZero();

		this.queue.close();
		assertThatExceptionOfType(WorkRejectedException.class).isThrownBy(() -> this.queue.enqueue("mail", (c) -> {
		}));
		assertThat(this.registry.get("background.work.rejected").functionCounter().count()).isEqualTo(3);
	}

	@Test
	void abandonedItemsAreCounted() {
		this.queue = instrumented(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.drainTimeout(Duration.ZERO)
			.cancellationGrace(Duration.ofMillis(50)));
		WorkHandle stubborn = this.queue.enqueue("stubborn", (context) -> this.release.await(10, TimeUnit.SECONDS));
		this.queue.enqueue("never-started", (context) -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> stubborn.state() == WorkState.RUNNING);
		this.queue.close();
		assertThat(this.registry.get("background.work.abandoned").functionCounter().count()).isEqualTo(2);
	}

	@Test
	void everyMeterHasADescriptionAndIsRemovedOnClose() throws Exception {
		BackgroundWorkMetricsListener listener = new BackgroundWorkMetricsListener(this.registry, "mailQueue",
				new WorkNameTags(100, "max-names"));
		BackgroundWorkMeterBinder binder = new BackgroundWorkMeterBinder("mailQueue",
				this.queue = DefaultBackgroundWorkQueue.builder().listener(listener).build());
		this.queue.start();
		binder.bindTo(this.registry);
		finish(this.queue.enqueue("mail", (context) -> {
		}));
		assertThat(this.registry.getMeters()).hasSize(5 + 8)
			.allSatisfy((meter) -> assertThat(meter.getId().getDescription()).isNotBlank())
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("queue")).isEqualTo("mailQueue"));
		assertThat(this.registry.get("background.work.queued").gauge().getId().getBaseUnit()).isEqualTo("tasks");
		binder.close();
		listener.close();
		assertThat(this.registry.getMeters()).isEmpty();
		finish(this.queue.enqueue("mail", (context) -> {
		}));
		assertThat(this.registry.getMeters()).as("a closed listener records nothing").isEmpty();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void metersWorkWithVirtualThreads() throws Exception {
		this.queue = instrumented(DefaultBackgroundWorkQueue.builder().virtualThreads(true).concurrency(2));
		CountDownLatch started = new CountDownLatch(2);
		BackgroundWork blocked = (context) -> {
			started.countDown();
			this.release.await(10, TimeUnit.SECONDS);
		};
		WorkHandle first = this.queue.enqueue("virtual", blocked);
		WorkHandle second = this.queue.enqueue("virtual", blocked);
		WorkHandle third = this.queue.enqueue("virtual", blocked);
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(gauge("background.work.running")).isEqualTo(2);
		assertThat(gauge("background.work.queued")).isEqualTo(1);
		this.release.countDown();
		finish(first);
		finish(second);
		finish(third);
		assertThat(durations("virtual", "success")).isEqualTo(3);
	}

	private DefaultBackgroundWorkQueue instrumented(DefaultBackgroundWorkQueue.Builder builder) {
		DefaultBackgroundWorkQueue queue = builder.threadNamePrefix("metrics-tests-")
			.listener(new BackgroundWorkMetricsListener(this.registry, "queue", new WorkNameTags(100, "max-names")))
			.build();
		queue.start();
		new BackgroundWorkMeterBinder("queue", queue).bindTo(this.registry);
		return queue;
	}

	/**
	 * Wait for the item's completion, which comes after the listeners have heard of its
	 * end.
	 */
	private static void finish(WorkHandle item) throws Exception {
		item.completion().toCompletableFuture().exceptionally((ex) -> null).get(5, TimeUnit.SECONDS);
		assertThat(item.state()).isIn(WorkState.SUCCEEDED, WorkState.FAILED, WorkState.CANCELLED);
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	private double completed(String name, String outcome) {
		return this.registry.get("background.work.completed").tags("name", name, "outcome", outcome).counter().count();
	}

	private long durations(String name, String outcome) {
		return this.registry.get("background.work.duration").tags("name", name, "outcome", outcome).timer().count();
	}

	private long waits(String name) {
		return this.registry.get("background.work.wait").tags("name", name).timer().count();
	}

}
