package io.github.backgroundwork.typed;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests cancelling typed work: a cancelled attempt is never retried, and cancelling an
 * item parked under its name's limit leaves the scheduled items in order.
 */
class CancelTypedWorkTests {

	@Test
	void cancelledItemIsNotRetriedWhateverItsWorkThrows() throws Exception {
		Handlers handlers = new Handlers();
		DefaultBackgroundWorkQueue queue = queue(handlers);
		try {
			WorkHandle handle = queue.enqueue(WorkRequest.of("stops-badly", "x"));
			assertThat(handlers.started.await(5, TimeUnit.SECONDS)).isTrue();
			handle.cancel();
			handle.completion().handle((result, ex) -> ex).toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(handle.state()).isNotIn(WorkState.SCHEDULED, WorkState.QUEUED, WorkState.RUNNING);
			assertThat(handle.snapshot().attempts()).isOne();
			assertThat(handlers.calls).hasValue(1);
			assertThat(queue.statistics().scheduled()).isZero();
		}
		finally {
			queue.close();
		}
	}

	@Test
	void cancellingAnItemParkedUnderItsLimitKeepsTheScheduledItemsRunning() throws Exception {
		Handlers handlers = new Handlers();
		DefaultBackgroundWorkQueue queue = queue(handlers);
		try {
			WorkHandle running = queue.enqueue(WorkRequest.of("one-at-a-time", "first"));
			await().atMost(Duration.ofSeconds(5)).until(() -> running.state() == WorkState.RUNNING);
			// Due at once, but parked: its name's only place is taken
			WorkHandle parked = queue
				.enqueue(WorkRequest.builder("one-at-a-time", "parked").delay(Duration.ofMillis(20)).build());
			await().atMost(Duration.ofSeconds(5)).until(() -> parked.state() == WorkState.QUEUED);
			assertThat(parked.cancel()).isTrue();
			assertThat(parked.state()).isEqualTo(WorkState.CANCELLED);
			assertThat(queue.statistics().scheduled()).isZero();
			WorkHandle later = queue
				.enqueue(WorkRequest.builder("other", "later").delay(Duration.ofMillis(50)).build());
			later.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			handlers.release.countDown();
			running.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(queue.statistics().queued() + queue.statistics().scheduled()).isZero();
		}
		finally {
			handlers.release.countDown();
			queue.close();
		}
	}

	private static DefaultBackgroundWorkQueue queue(Handlers handlers) {
		return TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix("cancel-typed-tests-")
			.handlers(WorkHandlers.of(handlers))
			.retryPolicy(WorkRetryPolicy.builder().delay(Duration.ofMillis(10)).jitter(Duration.ZERO).build()));
	}

	static class Handlers {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		@BackgroundWorkHandler("stops-badly")
		void stopsBadly(String payload, WorkContext context) throws InterruptedException {
			this.calls.incrementAndGet();
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			this.started.countDown();
			cancelled.await(10, TimeUnit.SECONDS);
			throw new IllegalStateException("stopped half-way");
		}

		@BackgroundWorkHandler(value = "one-at-a-time", concurrency = 1)
		void oneAtATime(String payload) throws InterruptedException {
			if (payload.equals("first")) {
				this.release.await(10, TimeUnit.SECONDS);
			}
		}

		@BackgroundWorkHandler("other")
		void other(String payload) {
		}

	}

}
