package io.github.backgroundwork;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for cancelling work before it starts and while it runs.
 */
class CancellationTests {

	private final DefaultBackgroundWorkQueue queue = TestQueues
		.started(DefaultBackgroundWorkQueue.builder().concurrency(1).threadNamePrefix("cancellation-tests-"));

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void close() {
		this.release.countDown();
		this.queue.close();
	}

	@Test
	void itemCancelledBeforeItStartsNeverRuns() throws Exception {
		CountDownLatch blockerStarted = new CountDownLatch(1);
		this.queue.enqueue("blocker", (context) -> {
			blockerStarted.countDown();
			this.release.await();
		});
		assertThat(blockerStarted.await(5, TimeUnit.SECONDS)).isTrue();
		AtomicBoolean ran = new AtomicBoolean();
		WorkHandle queued = this.queue.enqueue("queued", (context) -> ran.set(true));
		assertThat(queued.state()).isEqualTo(WorkState.QUEUED);
		assertThat(queued.cancel()).isTrue();
		assertThat(queued.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(this.queue.statistics().queued()).isZero();
		assertThatExceptionOfType(CancellationException.class)
			.isThrownBy(() -> queued.completion().toCompletableFuture().join());
		this.release.countDown();
		WorkHandle after = this.queue.enqueue("after", (context) -> {
		});
		after.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(ran).isFalse();
		assertThat(this.queue.statistics().totals().cancelled()).isEqualTo(1);
	}

	@Test
	void runningItemThatReturnsAfterCancellationEndsCancelled() {
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle handle = this.queue.enqueue("cooperative", (context) -> {
			started.countDown();
			while (!context.isCancellationRequested()) {
				Thread.onSpinWait();
			}
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> started.getCount() == 0);
		assertThat(handle.cancel()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.CANCELLED);
		assertThat(handle.cancel()).isFalse();
	}

	@Test
	void runningItemThatThrowsCancellationEndsCancelled() {
		CountDownLatch cancelled = new CountDownLatch(1);
		WorkHandle handle = this.queue.enqueue("throws", (context) -> {
			context.onCancellation(cancelled::countDown);
			cancelled.await();
			context.throwIfCancellationRequested();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.RUNNING);
		handle.cancel();
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state().isTerminal());
		assertThat(handle.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(this.queue.statistics().totals()).isEqualTo(new WorkTotals(1, 0, 0, 1, 0, 0));
	}

	@Test
	void runningItemThatThrowsInterruptedAfterCancellationEndsCancelled() {
		WorkHandle handle = this.queue.enqueue("interrupted", (context) -> {
			Thread worker = Thread.currentThread();
			context.onCancellation(worker::interrupt);
			this.release.await();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.RUNNING);
		handle.cancel();
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.CANCELLED);
	}

	@Test
	void cancellationExceptionWithoutARequestIsAFailure() {
		WorkHandle handle = this.queue.enqueue("unrequested", (context) -> {
			throw new CancellationException("not asked for");
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state().isTerminal());
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
	}

	@Test
	void callbackRegisteredAfterCancellationRunsAtOnce() {
		CountDownLatch callback = new CountDownLatch(1);
		WorkHandle handle = this.queue.enqueue("late-callback", (context) -> {
			while (!context.isCancellationRequested()) {
				Thread.onSpinWait();
			}
			context.onCancellation(callback::countDown);
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.RUNNING);
		handle.cancel();
		await().atMost(Duration.ofSeconds(5)).until(() -> callback.getCount() == 0);
	}

}
