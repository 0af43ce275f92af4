package io.github.backgroundwork.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a caller that outpaces the workers costs, once the queue is full and it waits for
 * room: each round enqueues a burst of items of a few microseconds of computation, four
 * times the capacity of 10,000, into 8 workers, so that the caller waits for room for
 * most of them ({@code when-full=block} for the queue, {@code put} for the plain
 * {@code ThreadPoolExecutor}). Contenders: the plain executor and the bare engine, in
 * interleaved rounds in one JVM; CPU of every thread per item, its excess over the plain
 * executor round by round, context switches per 1,000 items, and items per second.
 * Medians after 2 warm-up rounds, with min-max.
 * <p>
 * Arguments: the number of measured rounds (default 15), the microseconds of computation
 * per item (default 10), the items per round (default 40,000).
 */
public final class FullQueueCost {

	private static final int CAPACITY = 10_000;

	private static volatile long sink;

	private FullQueueCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		int micros = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		int items = (args.length > 2) ? Integer.parseInt(args[2]) : 40_000;
		int steps = StarterDefaultsCost.calibrate(micros * 1_000L);
		Map<String, Contender> contenders = new LinkedHashMap<>();
		contenders.put(Contender.THREAD_POOL_EXECUTOR,
				Contender.start(Contender.THREAD_POOL_EXECUTOR, "platform", CAPACITY, 8));
		contenders.put(Contender.QUEUE, Contender.start(Contender.QUEUE, "platform", CAPACITY, 8));
		Map<String, List<double[]>> samples = new LinkedHashMap<>();
		try {
			for (int round = -2; round < rounds; round++) {
				double plainCpu = 0;
				for (Map.Entry<String, Contender> entry : contenders.entrySet()) {
					double[] sample = measure(entry.getValue(), items, steps);
					if (entry.getKey().equals(Contender.THREAD_POOL_EXECUTOR)) {
						plainCpu = sample[0];
					}
					sample[1] = sample[0] - plainCpu;
					if (round >= 0) {
						samples.computeIfAbsent(entry.getKey(), (key) -> new ArrayList<>()).add(sample);
					}
				}
			}
		}
		finally {
			contenders.values().forEach(Contender::close);
		}
		System.out.printf(Locale.ROOT,
				"# %d cores, Java %s; %d items of ~%d µs (%d LCG steps) per round, capacity %d, 8 workers, "
						+ "%d rounds (2 warm-up)%n%-30s %22s %22s %22s %22s%n",
				Runtime.getRuntime().availableProcessors(), Runtime.version(), items, micros, steps, CAPACITY, rounds,
				"contender", "CPU ns/item", "over plain", "switches/1,000 items", "items/s");
		samples.forEach((name, list) -> System.out.printf(Locale.ROOT, "%-30s %22s %22s %22s %22s%n", name,
				InterleavedRounds.stat(list, 0, "%.0f"), InterleavedRounds.stat(list, 1, "%.0f"),
				InterleavedRounds.stat(list, 2, "%.1f"), InterleavedRounds.stat(list, 3, "%.0f")));
	}

	/**
	 * One round: the burst, then the wait until every item has run.
	 * @return CPU ns per item, a place for its excess over plain, switches per 1,000
	 * items, items per second
	 */
	private static double[] measure(Contender contender, int items, int steps) throws InterruptedException {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		CountDownLatch done = new CountDownLatch(items);
		Runnable submit = contender.submitter(() -> {
			sink = StarterDefaultsCost.busy(steps);
			done.countDown();
		});
		long switches = ContextSwitches.count();
		long cpu = StarterDefaultsCost.threadCpu(threads);
		long start = System.nanoTime();
		for (int i = 0; i < items; i++) {
			submit.run();
		}
		if (!done.await(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Items did not finish: " + done.getCount() + " left");
		}
		long elapsed = System.nanoTime() - start;
		return new double[] { (double) (StarterDefaultsCost.threadCpu(threads) - cpu) / items, 0,
				(ContextSwitches.count() - switches) * 1000.0 / items, items * 1e9 / elapsed };
	}

}
