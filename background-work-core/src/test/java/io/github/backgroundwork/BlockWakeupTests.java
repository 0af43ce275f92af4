package io.github.backgroundwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.handler.WorkHandlers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that callers waiting for room with {@link WhenFull#BLOCK} are always woken when
 * room appears: a lost wake-up leaves the caller and the idle workers waiting forever.
 * Takes wake a waiting caller once they have made room down to a mark, an eighth of the
 * capacity; room made short of it, by workers that then run long items, still lets a
 * caller in.
 */
class BlockWakeupTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 8 })
	void aProducerFasterThanTheWorkersNeverWaitsForever(int concurrency) throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(concurrency)
			.capacity(16)
			.whenFull(WhenFull.BLOCK)
			.blockTimeout(Duration.ofSeconds(30))
			.threadNamePrefix("block-wakeup-tests-"));
		try {
			int items = 200_000;
			CountDownLatch done = new CountDownLatch(items);
			BackgroundWork work = (context) -> done.countDown();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			for (int i = 0; i < items; i++) {
				queue.enqueue("fast", work);
			}
			// A caller that waited for each batch of room until it looked on its own
			// would
			// take minutes here
			assertThat(deadline - System.nanoTime()).as("every item enqueued within 60 s").isPositive();
			assertThat(done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS))
				.as("every item ran; none waits for a lost wake-up")
				.isTrue();
			assertThat(queue.statistics().totals().rejected()).isZero();
		}
		finally {
			queue.close();
		}
	}

	@Test
	void aBatchWaitingForRoomForAllItsItemsIsWokenAsRoomGrows() throws Exception {
		BatchHandler handler = new BatchHandler();
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.capacity(4)
			.whenFull(WhenFull.BLOCK)
			.blockTimeout(Duration.ofSeconds(30))
			.threadNamePrefix("block-batch-tests-")
			.handlers(WorkHandlers.of(handler)));
		try {
			List<WorkRequest> four = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				four.add(WorkRequest.of("slow", i));
			}
			for (int round = 0; round < 20; round++) {
				// Each batch needs the whole queue: it waits until the four
				// before it have left
				queue.enqueueAll(four);
			}
			assertThat(handler.done.await(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			queue.close();
		}
	}

	@Test
	void aCallerIsLetInWhenRoomIsMadeThoughTheWorkersThenRunLongItems() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.capacity(16)
			.whenFull(WhenFull.BLOCK)
			.blockTimeout(Duration.ofSeconds(30))
			.threadNamePrefix("block-room-tests-"));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		CountDownLatch releaseLong = new CountDownLatch(1);
		try {
			queue.enqueue("first", (context) -> {
				holding.countDown();
				releaseFirst.await();
			});
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
			// The next item the worker takes runs until the end of the test
			queue.enqueue("long", (context) -> releaseLong.await());
			for (int i = 1; i < 16; i++) {
				queue.enqueue("filler", (context) -> {
				});
			}
			CompletableFuture<WorkHandle> blocked = new CompletableFuture<>();
			Thread caller = new Thread(() -> blocked.complete(queue.enqueue("blocked", (context) -> {
			})), "block-room-tests-caller");
			caller.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
			assertThat(blocked).as("the queue is full: the caller waits").isNotDone();
			// The worker takes one item, the long one, and makes room for one item only:
			// not down to the mark (14 of 16) where a take wakes a waiting caller
			releaseFirst.countDown();
			assertThat(blocked.get(10, TimeUnit.SECONDS).state()).as("let in while the long item still runs")
				.isEqualTo(WorkState.QUEUED);
			assertThat(releaseLong.getCount()).isOne();
		}
		finally {
			releaseFirst.countDown();
			releaseLong.countDown();
			queue.close();
		}
	}

	static class BatchHandler {

		final CountDownLatch done = new CountDownLatch(80);

		@BackgroundWorkHandler("slow")
		void run(Integer payload) {
			this.done.countDown();
		}

	}

}
