package io.github.backgroundwork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the four steps of shutdown on the engine alone.
 */
class ShutdownTests {

	private final List<WorkItemSnapshot> reported = new CopyOnWriteArrayList<>();

	private DefaultBackgroundWorkQueue.Builder builder() {
		return DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix("shutdown-tests-")
			.listener(new WorkListener() {

				@Override
				public void onAbandoned(List<WorkItemSnapshot> items) {
					ShutdownTests.this.reported.addAll(items);
				}

			});
	}

	@Test
	void queuedItemsStillRunBeforeStopReturns() {
		DefaultBackgroundWorkQueue queue = TestQueues.started(builder().concurrency(1));
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger done = new AtomicInteger();
		queue.enqueue("first", (context) -> {
			release.await();
			done.incrementAndGet();
		});
		for (int i = 0; i < 20; i++) {
			queue.enqueue("queued", (context) -> done.incrementAndGet());
		}
		Thread closer = new Thread(queue::close);
		closer.start();
		// Released once the drain has begun, so that the drain is what waits for them
		awaitDraining(queue);
		assertThat(done).hasValue(0);
		release.countDown();
		joinWithin(closer, Duration.ofSeconds(10));
		assertThat(done).hasValue(21);
		assertThat(queue.statistics().state()).isEqualTo(QueueState.TERMINATED);
		assertThat(queue.statistics().totals().succeeded()).isEqualTo(21);
		assertThat(this.reported).isEmpty();
	}

	@Test
	void enqueueDuringTheDrainIsRefusedWithTheReason() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(builder());
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		queue.enqueue("long", (context) -> {
			started.countDown();
			release.await();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		Thread closer = new Thread(queue::close);
		closer.start();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> queue.statistics().state() == QueueState.DRAINING);
		assertThatExceptionOfType(WorkRejectedException.class).isThrownBy(() -> queue.enqueue("late", (context) -> {
		}))
			.withMessageContaining("shutting down (DRAINING)")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(WorkRejectedException.Reason.SHUTTING_DOWN));
		release.countDown();
		joinWithin(closer, Duration.ofSeconds(10));
		assertThatExceptionOfType(WorkRejectedException.class).isThrownBy(() -> queue.enqueue("after", (context) -> {
		})).withMessageContaining("shutting down (TERMINATED)");
		assertThat(queue.statistics().totals()).isEqualTo(new WorkTotals(1, 1, 0, 0, 2, 0));
	}

	@Test
	void cooperativeWorkStopsAfterTheDrainTimeoutAndIsReportedAbandoned() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues
			.started(builder().drainTimeout(Duration.ofMillis(200)).cancellationGrace(Duration.ofSeconds(10)));
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle handle = queue.enqueue("cooperative", (context) -> {
			started.countDown();
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			cancelled.await();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		queue.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		// A shutdown is not a cancellation: the item stopped early, and says so
		assertThat(handle.state()).isEqualTo(WorkState.ABANDONED);
		assertThat(queue.statistics().totals()).isEqualTo(new WorkTotals(1, 0, 0, 0, 0, 1));
		assertThat(this.reported).extracting(WorkItemSnapshot::id).containsExactly(handle.id());
	}

	@Test
	void uncooperativeWorkIsInterruptedAndReportedByName() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(builder().concurrency(1)
			.drainTimeout(Duration.ofMillis(200))
			.cancellationGrace(Duration.ofMillis(200)));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		WorkHandle stubborn = queue.enqueue("stubborn", (context) -> {
			started.countDown();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		WorkHandle neverStarted = queue.enqueue("never-started", (context) -> {
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		queue.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
				Duration.ofMillis(400 + 1500));
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.reported).extracting(WorkItemSnapshot::name).containsExactly("never-started", "stubborn");
		assertThat(this.reported).allSatisfy((item) -> assertThat(item.abandoned()).isTrue());
		assertThat(this.reported.get(0).startedAt()).isNull();
		assertThat(this.reported.get(1).startedAt()).isNotNull();
		assertThat(queue.statistics().totals()).isEqualTo(new WorkTotals(2, 0, 0, 0, 0, 2));
		assertThat(failureOf(stubborn)).isInstanceOf(WorkAbandonedException.class).hasMessageContaining("'stubborn'");
		assertThat(failureOf(neverStarted)).isInstanceOf(WorkAbandonedException.class);
	}

	@Test
	void stopReturnsAsSoonAsTheLastItemEnds() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(builder().drainTimeout(Duration.ofSeconds(60)));
		CountDownLatch release = new CountDownLatch(1);
		queue.enqueue("last", (context) -> release.await());
		Thread closer = new Thread(queue::close);
		closer.start();
		awaitDraining(queue);
		release.countDown();
		// Far less than the 60 s drain timeout: stop is woken by the last item, it does
		// not poll
		joinWithin(closer, Duration.ofSeconds(5));
	}

	@Test
	void secondStopWaitsForTheFirstOne() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(builder());
		CountDownLatch release = new CountDownLatch(1);
		WorkHandle handle = queue.enqueue("slow", (context) -> release.await());
		Thread first = new Thread(queue::close);
		first.start();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> queue.statistics().state() == QueueState.DRAINING);
		Thread second = new Thread(queue::stop);
		second.start();
		release.countDown();
		joinWithin(second, Duration.ofSeconds(5));
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		joinWithin(first, Duration.ofSeconds(5));
	}

	private static void awaitDraining(DefaultBackgroundWorkQueue queue) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> queue.statistics().state() == QueueState.DRAINING);
	}

	private static Throwable failureOf(WorkHandle handle) {
		return handle.completion().handle((result, failure) -> failure).toCompletableFuture().join();
	}

	private static void joinWithin(Thread thread, Duration timeout) {
		try {
			thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(thread.isAlive()).as("%s still running after %s", thread.getName(), timeout).isFalse();
	}

}
