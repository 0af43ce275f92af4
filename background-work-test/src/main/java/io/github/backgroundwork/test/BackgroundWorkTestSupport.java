package io.github.backgroundwork.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.engine.DurableWork;

/**
 * Waits in tests for background work to be done. <pre class="code">
 * mockMvc.perform(post("/customers/notifications")...).andExpect(status().isAccepted());
 * BackgroundWorkTestSupport.awaitIdle(queue, Duration.ofSeconds(5));
 * assertThat(mailbox.received()).hasSize(3);
 * </pre>
 *
 * @since 0.1.0
 */
public final class BackgroundWorkTestSupport {

	/**
	 * How many items in flight a timeout's message lists at most.
	 */
	static final int LISTED_ITEMS = 10;

	private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	static final long STORE_PAUSE_MILLIS = 20;

	private BackgroundWorkTestSupport() {
	}

	/**
	 * Wait until the queue is idle: its statistics show no item queued, scheduled or
	 * running, and, with a durable store ({@code background-work.store=jdbc}), none of
	 * the queue's stored items is queued, scheduled or running on any instance, including
	 * rows committed a moment ago that no claimer has taken yet. Blocks, checking every
	 * millisecond (the store every {@value #STORE_PAUSE_MILLIS} ms), for at most the
	 * timeout. Work enqueued by work counts as long as it is queued, so a chain of items
	 * is waited for to its end; so does typed work {@code SCHEDULED} for a delay or its
	 * next retry.
	 * @param queue the queue
	 * @param timeout how long to wait at most
	 * @throws AssertionError if items are still queued or running after the timeout, or
	 * the waiting thread is interrupted; its message lists the first items in flight
	 */
	public static void awaitIdle(BackgroundWorkQueue queue, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long nextStoreCheck = System.nanoTime();
		while (true) {
			QueueStatistics statistics = queue.statistics();
			if (statistics.queued() == 0 && statistics.scheduled() == 0 && statistics.running() == 0
					&& System.nanoTime() - nextStoreCheck >= 0) {
				if (storedUnended(queue) == 0) {
					return;
				}
				nextStoreCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STORE_PAUSE_MILLIS);
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new AssertionError("Background work still in flight after " + timeout + ": "
						+ describeInFlight(queue, statistics));
			}
			LockSupport.parkNanos(PAUSE_NANOS);
			if (Thread.currentThread().isInterrupted()) {
				throw new AssertionError("Interrupted while waiting for background work: "
						+ describeInFlight(queue, queue.statistics()));
			}
		}
	}

	private static long storedUnended(BackgroundWorkQueue queue) {
		if (queue instanceof DefaultBackgroundWorkQueue defaultQueue) {
			return defaultQueue.durableWork().map(DurableWork::countUnended).orElse(0L);
		}
		return 0;
	}

	private static String describeInFlight(BackgroundWorkQueue queue, QueueStatistics statistics) {
		List<WorkItemSnapshot> items = new ArrayList<>(
				queue.items(new WorkQuery(WorkState.RUNNING, null, 0, LISTED_ITEMS)).items());
		items.addAll(queue.items(new WorkQuery(WorkState.QUEUED, null, 0, LISTED_ITEMS - items.size())).items());
		StringBuilder description = new StringBuilder();
		description.append(statistics.queued())
			.append(" queued, ")
			.append(statistics.scheduled())
			.append(" scheduled, ")
			.append(statistics.running())
			.append(" running");
		long stored = storedUnended(queue);
		if (stored > 0) {
			description.append("; ").append(stored).append(" stored item(s) not ended");
		}
		for (WorkItemSnapshot item : items) {
			description.append(System.lineSeparator())
				.append("  ")
				.append(item.state())
				.append(" '")
				.append(item.name())
				.append("' (")
				.append(item.id())
				.append("), enqueued at ")
				.append(item.enqueuedAt());
		}
		return description.toString();
	}

}
