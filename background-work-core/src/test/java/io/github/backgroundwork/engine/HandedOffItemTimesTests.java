package io.github.backgroundwork.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the times of items handed to a worker that spins for them. Such an item is
 * enqueued without a read of the clock, and the worker stamps its enqueue time with the
 * read it makes for the item's start; if the worker stops spinning before it sees the
 * item, the enqueuing thread stamps it. Every item must end with an enqueue time no
 * earlier than its enqueue began and no later than its start, and some must have been
 * stamped by the worker, or the read was not saved.
 */
class HandedOffItemTimesTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 8 })
	void everyItemIsTimedBetweenItsEnqueueAndItsStart(int concurrency) {
		WorkEngine engine = engine(concurrency);
		engine.start();
		try {
			AtomicLong finished = new AtomicLong();
			BackgroundWork work = (context) -> finished.incrementAndGet();
			int stampedByWorker = 0;
			// 4,000 items, or more until a worker has timed a few: how often one spins
			// when an item comes depends on the machine
			for (int i = 0; i < 4_000 || (stampedByWorker < 10 && i < 100_000); i++) {
				// Gaps from nothing to three times the spin, so that enqueues land
				// before, during and at the end of a worker's spin, and after it waits
				pause((i * 7919L) % 60_000);
				long before = System.nanoTime();
				WorkItem item = (WorkItem) engine.submit("handed-off", work);
				long after = System.nanoTime();
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (finished.get() <= i || item.startedNanos() == 0) {
					assertThat(System.nanoTime() - deadline).as("item %d started within 10 s", i).isNegative();
					Thread.onSpinWait();
				}
				assertThat(item.isUnstamped()).as("item %d has an enqueue time once started", i).isFalse();
				long enqueued = item.enqueuedNanos();
				assertThat(enqueued - before).as("item %d timed after its enqueue began", i).isNotNegative();
				assertThat(item.startedNanos() - enqueued).as("item %d timed no later than its start", i)
					.isNotNegative();
				assertThat(item.waitTime()).isEqualTo(Duration.ofNanos(item.startedNanos() - enqueued));
				if (enqueued > after) {
					stampedByWorker++;
				}
			}
			assertThat(stampedByWorker).as("items timed by the worker that spun for them").isPositive();
		}
		finally {
			engine.stop();
		}
	}

	private static WorkEngine engine(int concurrency) {
		return new WorkEngine(new EngineSettings(concurrency, 10_000, WhenFull.REJECT, Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofSeconds(1), 10, "handed-off-tests-", false, (item, error) -> {
				}, List.of(), List.of(), WorkHandlers.of(), WorkRetryPolicy.builder().build()));
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
