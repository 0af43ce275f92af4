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
			long[] bytes = new long[ROUNDS];
			for (int round = 0; round < ROUNDS; round++) {
				bytes[round] = measure(kind);
			}
			Arrays.sort(bytes);
			long median = bytes[ROUNDS / 2];
			System.out.printf("%-28s bytes per queued item: median %d, all %s%n", kind, median, Arrays.toString(bytes));
			results.put(kind + ".bytesPerItem", Long.toString(median));
		}
		Results.write(Path.of(args[0], "footprint.properties"), results);
	}

	private static long measure(String kind) throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch blocked = new CountDownLatch(Contender.CONCURRENCY);
		try (Contender contender = Contender.start(kind, "platform", ITEMS)) {
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
			for (int i = 0; i < 1000; i++) {
				submit.run();
			}
			long before = usedAfterGc();
			for (int i = 0; i < ITEMS; i++) {
				submit.run();
			}
			long after = usedAfterGc();
			release.countDown();
			return Math.round((after - before) / (double) ITEMS);
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
