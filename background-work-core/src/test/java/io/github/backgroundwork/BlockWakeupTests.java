package io.github.backgroundwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
	void manyCallersFasterThanTheWorkersNeverWaitForever() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.capacity(16)
			.whenFull(WhenFull.BLOCK)
			.blockTimeout(Duration.ofSeconds(30))
			.threadNamePrefix("block-callers-tests-"));
		int callers = 8;
		int itemsEach = 25_000;
		CountDownLatch done = new CountDownLatch(callers * itemsEach);
		List<Thread> threads = new ArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		try {
			BackgroundWork work = (context) -> done.countDown();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			for (int c = 0; c < callers; c++) {
				Thread thread = new Thread(() -> {
					try {
						for (int i = 0; i < itemsEach; i++) {
							queue.enqueue("fast", work);
						}
					}
					catch (Throwable ex) {
						failures.add(ex);
					}
				}, "block-callers-tests-caller-" + c);
				threads.add(thread);
				thread.start();
			}
			for (Thread thread : threads) {
				thread.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())));
			}
			assertThat(threads).as("every caller enqueued all its items within 60 s").noneMatch(Thread::isAlive);
			assertThat(failures).isEmpty();
			assertThat(done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)).as("every item ran")
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
	void callersAreLetInWhenRoomIsMadeThoughTheWorkersThenRunLongItems() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.capacity(64)
			.whenFull(WhenFull.BLOCK)
			.blockTimeout(Duration.ofSeconds(30))
			.threadNamePrefix("block-room-tests-"));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		CountDownLatch releaseSecond = new CountDownLatch(1);
		CountDownLatch releaseThird = new CountDownLatch(1);
		try {
			queue.enqueue("first", (context) -> {
				holding.countDown();
				releaseFirst.await();
			});
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
			// The next two items the worker takes run until the test lets them go
			queue.enqueue("second", (context) -> releaseSecond.await());
			queue.enqueue("third", (context) -> releaseThird.await());
			for (int i = 2; i < 64; i++) {
				queue.enqueue("filler", (context) -> {
				});
			}
			List<CompletableFuture<WorkHandle>> blocked = new ArrayList<>();
			List<Thread> callers = new ArrayList<>();
			for (int c = 0; c < 2; c++) {
				CompletableFuture<WorkHandle> handle = new CompletableFuture<>();
				Thread caller = new Thread(() -> handle.complete(queue.enqueue("blocked", (context) -> {
				})), "block-room-tests-caller-" + c);
				blocked.add(handle);
				callers.add(caller);
				caller.start();
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> callers.stream()
					.allMatch((caller) -> caller.getState() == Thread.State.WAITING
							|| caller.getState() == Thread.State.TIMED_WAITING));
			assertThat(blocked).as("the queue is full: the callers wait").noneMatch(CompletableFuture::isDone);
			// Each time, the worker takes one item, a long one: room for one caller, not
			// down to the mark (56 of 64) where a take wakes a waiting caller. The caller
			// that looks for room on its own gets in, and hands the looking over to the
			// other, which gets in after the next take
			releaseFirst.countDown();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> blocked.stream().filter(CompletableFuture::isDone).count() == 1);
			releaseSecond.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> blocked.stream().allMatch(CompletableFuture::isDone));
			assertThat(releaseThird.getCount()).as("let in while the third item still runs").isOne();
			for (CompletableFuture<WorkHandle> handle : blocked) {
				assertThat(handle.get().state()).isEqualTo(WorkState.QUEUED);
			}
		}
		finally {
			releaseFirst.countDown();
			releaseSecond.countDown();
			releaseThird.countDown();
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
