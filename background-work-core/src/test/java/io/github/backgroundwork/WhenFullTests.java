package io.github.backgroundwork;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the capacity of the queue and each policy when it is full.
 */
class WhenFullTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private DefaultBackgroundWorkQueue queue;

	@AfterEach
	void close() {
		this.release.countDown();
		this.queue.close();
	}

	@Test
	void rejectRefusesAtOnceAndNamesTheCapacity() {
		this.queue = fullQueue(WhenFull.REJECT, Duration.ZERO);
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.queue.enqueue("overflow", (context) -> {
			}))
			.isInstanceOf(WorkRejectedException.class)
			.withMessageContaining("capacity 2 reached")
			.satisfies((ex) -> assertThat(((WorkRejectedException) ex).getReason())
				.isEqualTo(WorkRejectedException.Reason.CAPACITY));
		assertThat(this.queue.statistics().totals()).isEqualTo(new WorkTotals(3, 0, 0, 0, 1, 0));
		assertThat(this.queue.snapshot().inFlight()).extracting(WorkItemSnapshot::name)
			.containsExactly("blocker", "queued", "queued");
	}

	@Test
	void blockWaitsForRoomThenRejects() {
		this.queue = fullQueue(WhenFull.BLOCK, Duration.ofMillis(50));
		assertThatExceptionOfType(WorkRejectedException.class)
			.isThrownBy(() -> this.queue.enqueue("late", (context) -> {
			}))
			.withMessageContaining("capacity 2 reached and no room within PT0.05S");
	}

	@Test
	void blockAcceptsWhenRoomFreesUp() throws Exception {
		this.queue = fullQueue(WhenFull.BLOCK, Duration.ofSeconds(30));
		CompletableFuture<WorkHandle> blocked = CompletableFuture
			.supplyAsync(() -> this.queue.enqueue("late", (context) -> {
			}));
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> !blocked.isDone());
		this.release.countDown();
		WorkHandle late = blocked.get(5, TimeUnit.SECONDS);
		late.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(late.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void callerRunsRunsTheWorkOnTheCallersThreadAndTracksIt() {
		this.queue = fullQueue(WhenFull.CALLER_RUNS, Duration.ZERO);
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		WorkHandle handle = this.queue.enqueue("inline", (context) -> ranOn.set(Thread.currentThread()));
		assertThat(ranOn.get()).isSameAs(Thread.currentThread());
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(this.queue.statistics().totals().succeeded()).isEqualTo(1);
	}

	@Test
	void capacityBelowOneIsRefusedWithTheArgumentNamed() {
		this.queue = TestQueues.started(DefaultBackgroundWorkQueue.builder());
		assertThatIllegalArgumentException().isThrownBy(() -> DefaultBackgroundWorkQueue.builder().capacity(0))
			.withMessage("capacity must be at least 1, was 0");
	}

	private DefaultBackgroundWorkQueue fullQueue(WhenFull whenFull, Duration blockTimeout) {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.capacity(2)
			.whenFull(whenFull)
			.blockTimeout(blockTimeout)
			.threadNamePrefix("when-full-tests-"));
		CountDownLatch started = new CountDownLatch(1);
		queue.enqueue("blocker", (context) -> {
			started.countDown();
			this.release.await();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> started.getCount() == 0);
		queue.enqueue("queued", (context) -> {
		});
		queue.enqueue("queued", (context) -> {
		});
		return queue;
	}

}
