package io.github.backgroundwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.handler.WorkHandlers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that callers waiting for room with {@link WhenFull#BLOCK} are always woken when
 * room appears: a lost wake-up leaves the caller and the idle workers waiting forever.
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
			for (int i = 0; i < items; i++) {
				queue.enqueue("fast", work);
			}
			assertThat(done.await(60, TimeUnit.SECONDS)).as("every item ran; none waits for a lost wake-up").isTrue();
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

	static class BatchHandler {

		final CountDownLatch done = new CountDownLatch(80);

		@BackgroundWorkHandler("slow")
		void run(Integer payload) {
			this.done.countDown();
		}

	}

}
