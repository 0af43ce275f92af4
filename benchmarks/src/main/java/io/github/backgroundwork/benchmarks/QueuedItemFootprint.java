package io.github.backgroundwork.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Heap retained per queued item: 100,000 items wait behind workers that are all blocked,
 * and the used heap after a full collection is compared with the used heap before they
 * were enqueued. Every item shares one work object, so what is left per item is the
 * executor's own tracking of it. Not a JMH benchmark: JMH measures time, this measures
 * bytes. Run with {@code -XX:+UseSerialGC} so that "used after a full GC" is exact.
 */
public final class QueuedItemFootprint {

	static final int ITEMS = 100_000;

	private static final int WARMUP_ITEMS = 1000;

	private static final int ROUNDS = 5;

	private QueuedItemFootprint() {
	}

	/**
	 * Measure each contender and write {@code footprint.properties} into the directory
	 * given as the only argument.
	 * @param args the results directory
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> results = new LinkedHashMap<>();
		for (String kind : new String[] { Contender.QUEUE, Contender.THREAD_POOL_EXECUTOR,
				Contender.THREAD_POOL_TASK_EXECUTOR }) {
			long[] before = new long[ROUNDS];
			long[] after = new long[ROUNDS];
			for (int round = 0; round < ROUNDS; round++) {
				measure(kind, before, after, round);
				awaitWorkersGone();
			}
			System.out.printf("%-28s used heap before %s%n", kind, Arrays.toString(before));
			System.out.printf("%-28s used heap after  %s%n", kind, Arrays.toString(after));
			// Every other round's baseline still holds the last round's items, for a
			// reason not found: the smallest baseline is taken, against the median end
			Arrays.sort(before);
			Arrays.sort(after);
			long bytes = Math.round((after[ROUNDS / 2] - before[0]) / (double) ITEMS);
			System.out.printf("%-28s bytes per queued item: %d%n", kind, bytes);
			results.put(kind + ".bytesPerItem", Long.toString(bytes));
		}
		Results.write(Path.of(args[0], "footprint.properties"), results);
	}

	private static void measure(String kind, long[] before, long[] after, int round) throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch blocked = new CountDownLatch(Contender.CONCURRENCY);
		try (Contender contender = Contender.start(kind, "platform", ITEMS + WARMUP_ITEMS)) {
			Runnable block = contender.submitter(() -> {
				blocked.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			for (int i = 0; i < Contender.CONCURRENCY; i++) {
				block.run();
			}
			blocked.await();
			Runnable submit = contender.submitter(() -> {
			});
			// Warm the path first, so that class loading and lazily created structures
			// are not counted; these items stay queued in both measurements
			for (int i = 0; i < WARMUP_ITEMS; i++) {
				submit.run();
			}
			before[round] = usedAfterGc();
			for (int i = 0; i < ITEMS; i++) {
				submit.run();
			}
			after[round] = usedAfterGc();
			release.countDown();
		}
	}

	/**
	 * Wait until the last round's workers have exited, so that nothing of that round is
	 * reachable any more.
	 */
	private static void awaitWorkersGone() throws InterruptedException {
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("bench-")) {
				thread.join();
			}
		}
	}

	private static long usedAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
