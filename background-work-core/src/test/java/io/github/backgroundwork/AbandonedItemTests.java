package io.github.backgroundwork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that an item abandoned while it runs is terminal at once, and that nothing about
 * it changes when its thread returns after the queue has stopped.
 */
class AbandonedItemTests {

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final List<String> finished = new CopyOnWriteArrayList<>();

	@Test
	void itemAbandonedWhileRunningIsTerminalAtOnceAndStaysSo() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.drainTimeout(Duration.ofMillis(100))
			.cancellationGrace(Duration.ofMillis(100))
			.threadNamePrefix("abandoned-item-tests-")
			.errorHandler((item, error) -> this.handled.add(item.name()))
			.listener(new WorkListener() {

				@Override
				public void onFinished(WorkInfo item) {
					AbandonedItemTests.this.finished.add(item.name());
				}

			}));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch returned = new CountDownLatch(1);
		CountDownLatch keepGoing = new CountDownLatch(1);
		WorkHandle stubborn = queue.enqueue("stubborn", (context) -> {
			started.countDown();
			// Ignores cancellation and interrupts, then fails after the queue stopped
			while (keepGoing.getCount() > 0) {
				try {
					keepGoing.await();
				}
				catch (InterruptedException ex) {
					// stubborn
				}
			}
			returned.countDown();
			throw new IllegalStateException("too late");
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		queue.close();
		assertThat(stubborn.state()).isEqualTo(WorkState.ABANDONED);
		WorkItemSnapshot atClose = stubborn.snapshot();
		assertThat(atClose.finishedAt()).isNotNull();
		assertThat(atClose.abandoned()).isTrue();
		assertThat(stubborn.completion().handle((result, ex) -> ex).toCompletableFuture().get(1, TimeUnit.SECONDS))
			.isInstanceOf(WorkAbandonedException.class);
		keepGoing.countDown();
		assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();
		// The work has returned with a failure: nothing about the item may change
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(stubborn.state()).isEqualTo(WorkState.ABANDONED);
			assertThat(stubborn.snapshot().finishedAt()).isEqualTo(atClose.finishedAt());
			assertThat(stubborn.snapshot().error()).isNull();
		});
		assertThat(this.handled).isEmpty();
		assertThat(this.finished).isEmpty();
		assertThat(queue.statistics().totals().abandoned()).isOne();
		assertThat(queue.statistics().totals().failed()).isZero();
	}

	@Test
	void abandonedItemsKeepTheirTimes() {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder().build();
		Instant before = Instant.now().minusMillis(1);
		WorkHandle never = queue.enqueue("never-started", (context) -> {
		});
		queue.close();
		assertThat(never.state()).isEqualTo(WorkState.ABANDONED);
		assertThat(never.snapshot().startedAt()).isNull();
		assertThat(never.snapshot().finishedAt()).isAfterOrEqualTo(never.snapshot().enqueuedAt()).isAfter(before);
	}

}
