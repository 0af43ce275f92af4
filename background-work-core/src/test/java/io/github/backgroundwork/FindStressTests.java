package io.github.backgroundwork;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code find} never misses an accepted item while it moves between queued,
 * running and finished, under load from several workers.
 */
class FindStressTests {

	private static final int ITEMS = 10_000;

	@Test
	void findNeverMissesAnItemMovingThroughTheQueue() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(4)
			// A shallow queue keeps each lookup's scan short; full, the caller waits
			.capacity(256)
			.whenFull(WhenFull.BLOCK)
			.blockTimeout(java.time.Duration.ofMinutes(1))
			.historySize(ITEMS)
			.threadNamePrefix("find-stress-tests-"));
		try {
			BlockingQueue<WorkHandle> accepted = new ArrayBlockingQueue<>(ITEMS);
			AtomicInteger misses = new AtomicInteger();
			AtomicInteger lookups = new AtomicInteger();
			CompletableFuture<Void> checker = CompletableFuture.runAsync(() -> {
				try {
					for (int i = 0; i < ITEMS; i++) {
						WorkHandle handle = accepted.take();
						// Look it up while it moves: queued, taken, running, finished
						for (int look = 0; look < 5; look++) {
							lookups.incrementAndGet();
							if (queue.find(handle.id()).orElse(null) != handle) {
								misses.incrementAndGet();
							}
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			for (int i = 0; i < ITEMS; i++) {
				accepted.add(queue.enqueue("stress", (context) -> Thread.onSpinWait()));
			}
			checker.get(2, TimeUnit.MINUTES);
			assertThat(lookups).hasValue(ITEMS * 5);
			assertThat(misses).hasValue(0);
		}
		finally {
			queue.close();
		}
	}

}
