package io.github.backgroundwork;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an item enqueued on an idle queue always starts: a worker that has just run
 * out of items spins for the next one before it waits, and the enqueuing thread wakes no
 * worker while one spins. An item enqueued as the spinner gives up must still find a
 * worker: a lost wake-up leaves it queued with every worker waiting.
 */
class IdleWakeupTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 8 })
	void anItemEnqueuedAroundTheEndOfASpinAlwaysStarts(int concurrency) {
		DefaultBackgroundWorkQueue queue = TestQueues.started(
				DefaultBackgroundWorkQueue.builder().concurrency(concurrency).threadNamePrefix("idle-wakeup-tests-"));
		try {
			AtomicLong finished = new AtomicLong();
			BackgroundWork work = (context) -> finished.incrementAndGet();
			int items = 4_000;
			for (int i = 0; i < items; i++) {
				// Gaps from nothing to three times the spin, so that enqueues land
				// before,
				// during and at the end of a worker's spin, and after it waits
				pause((i * 7919L) % 60_000);
				queue.enqueue("idle", work);
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (finished.get() <= i) {
					assertThat(System.nanoTime() - deadline)
						.as("item %d started within 10 s; none waits for a lost" + " wake-up (%d items finished)", i,
								finished.get())
						.isNegative();
					Thread.onSpinWait();
				}
			}
			assertThat(finished.get()).isEqualTo(items);
		}
		finally {
			queue.close();
		}
	}

	/**
	 * Let about the given time pass on this thread without parking it (the gaps are
	 * shorter than a timed park's slack).
	 */
	private static void pause(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() - end < 0) {
			Thread.onSpinWait();
		}
	}

}
