package io.github.backgroundwork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sustained overload: producers enqueue far more than the queue can hold, for seconds,
 * with each when-full policy. Memory stays bounded, every refusal is an exception, every
 * accepted item ends and the counters add up.
 */
class OverloadTests {

	private static final int CAPACITY = 50;

	private static final int CONCURRENCY = 2;

	private static final int PRODUCERS = 4;

	private static final int BOUND = CAPACITY + 2 * PRODUCERS + CONCURRENCY;

	private static final Duration LOAD_TIME = Duration.ofMillis(1500);

	@ParameterizedTest
	@EnumSource(WhenFull.class)
	void overloadIsRefusedOrAbsorbedAndEveryAcceptedItemEnds(WhenFull whenFull) throws Exception {
		String prefix = "overload-" + whenFull.name().toLowerCase() + "-";
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(CONCURRENCY)
			.capacity(CAPACITY)
			.whenFull(whenFull)
			.blockTimeout(Duration.ofMillis(2))
			.threadNamePrefix(prefix)
			.errorHandler((item, ex) -> {
			}));
		ConcurrentLinkedQueue<WorkHandle> accepted = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Throwable> refusals = new ConcurrentLinkedQueue<>();
		AtomicLong ranOnCaller = new AtomicLong();
		AtomicLong held = new AtomicLong();
		long end = System.nanoTime() + LOAD_TIME.toNanos();
		List<CompletableFuture<Void>> producers = java.util.stream.IntStream.range(0, PRODUCERS)
			.mapToObj((producer) -> CompletableFuture.runAsync(() -> {
				Thread caller = Thread.currentThread();
				long n = 0;
				while (System.nanoTime() < end) {
					long i = n++;
					try {
						WorkHandle handle = queue.enqueue("load", (context) -> {
							if (Thread.currentThread() == caller) {
								ranOnCaller.incrementAndGet();
							}
							// Simulated slowness, so that the workers fall behind
							LockSupport.parkNanos(20_000);
							if (i % 7 == 0) {
								throw new IllegalStateException("item " + i + " failed");
							}
						});
						accepted.add(handle);
						if (i % 11 == 0) {
							handle.cancel();
						}
					}
					catch (Throwable ex) {
						refusals.add(ex);
					}
				}
			}))
			.toList();
		while (!CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).isDone()) {
			// Items held. The counters are read one after the other, so the figures may
			// also include, per producer, a call under way and an item being cancelled,
			// and per worker an item taken from the queue but not yet started
			QueueStatistics statistics = queue.statistics();
			assertThat(statistics.queued()).isLessThanOrEqualTo(BOUND);
			held.accumulateAndGet(statistics.queued() + statistics.running(), Math::max);
			LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 5_000_000));
		}
		CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		queue.close();

		// Memory bounded: never more items held than capacity, workers and callers
		assertThat(held.get()).isPositive().isLessThanOrEqualTo(BOUND + CONCURRENCY + PRODUCERS);
		// Every refusal was an exception saying why, and nothing else was thrown
		assertThat(refusals).allSatisfy((ex) -> assertThat(ex).isInstanceOfSatisfying(WorkRejectedException.class,
				(rejected) -> assertThat(rejected.getReason()).isEqualTo(WorkRejectedException.Reason.CAPACITY)));
		if (whenFull == WhenFull.CALLER_RUNS) {
			assertThat(refusals).isEmpty();
			assertThat(ranOnCaller.get()).isPositive();
		}
		else {
			assertThat(refusals).isNotEmpty();
		}
		// Every accepted item ended, none was lost, and the counters add up
		assertThat(accepted).allSatisfy((handle) -> {
			assertThat(handle.completion().toCompletableFuture()).isDone();
			assertThat(handle.state().isTerminal()).isTrue();
		});
		WorkTotals totals = queue.statistics().totals();
		assertThat(totals.accepted()).isEqualTo(accepted.size());
		assertThat(totals.rejected()).isEqualTo(refusals.size());
		assertThat(totals.succeeded() + totals.failed() + totals.cancelled() + totals.abandoned())
			.isEqualTo(totals.accepted());
		assertThat(totals.abandoned()).isZero();
		assertThat(totals.failed()).isPositive();
		assertThat(totals.cancelled()).isPositive();
		assertThat(count(accepted, WorkState.SUCCEEDED)).isEqualTo(totals.succeeded());
		assertThat(count(accepted, WorkState.FAILED)).isEqualTo(totals.failed());
		assertThat(count(accepted, WorkState.CANCELLED)).isEqualTo(totals.cancelled());
		assertThat(queue.statistics().queued()).isZero();
		assertThat(queue.statistics().running()).isZero();
	}

	private static long count(ConcurrentLinkedQueue<WorkHandle> handles, WorkState state) {
		return handles.stream().filter((handle) -> handle.state() == state).count();
	}

}
