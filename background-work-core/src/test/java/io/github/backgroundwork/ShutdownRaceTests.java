package io.github.backgroundwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code close()} racing with enqueue, cancel and items finishing, many times with random
 * timing: no item is lost, none runs twice, and no worker thread outlives the queue.
 */
class ShutdownRaceTests {

	private static final int ROUNDS = 100;

	/**
	 * How often each item's work ran, by handle (ids start again in every queue).
	 */
	private final Map<WorkHandle, AtomicInteger> runs = new ConcurrentHashMap<>();

	@Test
	void closeRacingWithEnqueueLosesNothing() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			String prefix = "race-enqueue-" + round + "-";
			DefaultBackgroundWorkQueue queue = queue(prefix, 2);
			ConcurrentLinkedQueue<WorkHandle> accepted = new ConcurrentLinkedQueue<>();
			ConcurrentLinkedQueue<WorkRejectedException> refused = new ConcurrentLinkedQueue<>();
			List<CompletableFuture<Void>> producers = new ArrayList<>();
			for (int producer = 0; producer < 2; producer++) {
				producers.add(CompletableFuture.runAsync(() -> {
					while (true) {
						try {
							accepted.add(enqueueCounted(queue, 0));
						}
						catch (WorkRejectedException ex) {
							refused.add(ex);
							if (ex.getReason() == WorkRejectedException.Reason.SHUTTING_DOWN) {
								return;
							}
						}
					}
				}));
			}
			pauseRandomly(2_000_000);
			queue.close();
			CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			assertEveryItemEndedOnce(queue, accepted);
			assertThat(queue.statistics().totals().succeeded()).isEqualTo(accepted.size());
			assertThat(queue.statistics().totals().rejected()).isEqualTo(refused.size());
			assertNoThreadLeft(prefix);
		}
	}

	@Test
	void closeRacingWithCancelLosesNothing() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			String prefix = "race-cancel-" + round + "-";
			DefaultBackgroundWorkQueue queue = queue(prefix, 1);
			List<WorkHandle> accepted = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				accepted.add(enqueueCounted(queue, 20_000));
			}
			List<WorkHandle> shuffled = new ArrayList<>(accepted);
			Collections.shuffle(shuffled);
			CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
				pauseRandomly(500_000);
				shuffled.forEach(WorkHandle::cancel);
			});
			pauseRandomly(500_000);
			queue.close();
			canceller.get(10, TimeUnit.SECONDS);
			assertEveryItemEndedOnce(queue, accepted);
			assertThat(accepted).filteredOn((handle) -> this.runs.get(handle).get() == 0)
				.allSatisfy((handle) -> assertThat(handle.state()).isEqualTo(WorkState.CANCELLED));
			assertThat(accepted).allSatisfy((handle) -> assertThat(handle.cancel()).isFalse());
			assertNoThreadLeft(prefix);
		}
	}

	@Test
	void closeRacingWithTheLastItemFinishingWaitsForIt() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			String prefix = "race-finish-" + round + "-";
			DefaultBackgroundWorkQueue queue = queue(prefix, 2);
			AtomicLong finishedAt = new AtomicLong();
			long deadline = System.nanoTime() + ThreadLocalRandom.current().nextLong(1_000_000);
			WorkHandle handle = queue.enqueue("finishing", (context) -> {
				while (System.nanoTime() < deadline) {
					Thread.onSpinWait();
				}
				finishedAt.set(System.nanoTime());
			});
			pauseRandomly(1_000_000);
			queue.close();
			long closedAt = System.nanoTime();
			assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
			assertThat(finishedAt.get()).isPositive().isLessThanOrEqualTo(closedAt);
			assertThat(queue.statistics().totals().abandoned()).isZero();
			assertThat(queue.statistics().state()).isEqualTo(QueueState.TERMINATED);
			assertNoThreadLeft(prefix);
		}
	}

	private WorkHandle enqueueCounted(DefaultBackgroundWorkQueue queue, long parkNanos) {
		AtomicInteger count = new AtomicInteger();
		WorkHandle handle = queue.enqueue("counted", (context) -> {
			count.incrementAndGet();
			if (parkNanos > 0) {
				LockSupport.parkNanos(parkNanos);
			}
		});
		this.runs.put(handle, count);
		return handle;
	}

	private void assertEveryItemEndedOnce(DefaultBackgroundWorkQueue queue, Iterable<WorkHandle> accepted) {
		long count = 0;
		for (WorkHandle handle : accepted) {
			count++;
			assertThat(handle.state().isTerminal()).as("state of %s", handle).isTrue();
			assertThat(handle.completion().toCompletableFuture()).isDone();
			assertThat(handle.snapshot().abandoned()).isFalse();
			int ran = this.runs.get(handle).get();
			assertThat(ran).as("runs of %s", handle).isLessThanOrEqualTo(1);
			if (handle.state() == WorkState.SUCCEEDED) {
				assertThat(ran).isOne();
			}
		}
		WorkTotals totals = queue.statistics().totals();
		assertThat(totals.accepted()).isEqualTo(count);
		assertThat(totals.succeeded() + totals.failed() + totals.cancelled() + totals.abandoned()).isEqualTo(count);
		assertThat(queue.statistics().queued()).isZero();
		assertThat(queue.statistics().running()).isZero();
	}

	private static DefaultBackgroundWorkQueue queue(String prefix, int concurrency) {
		return TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(concurrency)
			.capacity(100_000)
			.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofSeconds(10)));
	}

	private static void pauseRandomly(long maxNanos) {
		LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxNanos));
	}

	private static void assertNoThreadLeft(String prefix) {
		// A worker may still be on its way out for a moment after close() returns
		await().pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.noneMatch((name) -> name.startsWith(prefix)));
	}

}
