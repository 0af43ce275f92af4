package io.github.backgroundwork.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Throughput, process CPU and allocation per no-op item, measured the way a shared
 * machine allows: every contender runs one round in turn, in the same JVM, many times
 * over, and the figures are the medians of the rounds with their spread. CPU per item is
 * the whole process's CPU time (callers, workers, and the JVM's own threads) divided by
 * the items; allocation is the sum over every thread's allocated bytes.
 * <p>
 * Arguments: {@code items-per-round rounds concurrency[,concurrency...]}, for example
 * {@code 200000 15 2,8}; the system property {@code kinds} picks the contenders (comma
 * separated; the plain executor must be among them).
 */
public final class InterleavedRounds {

	private static final String[] KINDS = { Contender.QUEUE, Contender.THREAD_POOL_EXECUTOR,
			Contender.THREAD_POOL_TASK_EXECUTOR, Contender.METERED_QUEUE, Contender.PROPAGATING_QUEUE,
			Contender.TRACED_QUEUE, Contender.OBSERVED_QUEUE };

	private InterleavedRounds() {
	}

	public static void main(String[] args) throws Exception {
		int items = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 15;
		int[] concurrencies = Arrays.stream(((args.length > 2) ? args[2] : "2,8").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		System.out.printf(Locale.ROOT, "# %s, %d cores, Java %s; %d items per round, %d rounds (2 warm-up)%n",
				System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Runtime.version(), items,
				rounds);
		for (int concurrency : concurrencies) {
			Map<String, Contender> contenders = new LinkedHashMap<>();
			for (String kind : System.getProperty("kinds", String.join(",", KINDS)).split(",")) {
				contenders.put(kind, Contender.start(kind, "platform", Contender.CAPACITY, concurrency));
			}
			Map<String, List<double[]>> samples = new LinkedHashMap<>();
			for (int round = 0; round < rounds + 2; round++) {
				for (Map.Entry<String, Contender> entry : contenders.entrySet()) {
					double[] sample = round(entry.getValue(), items, os, threads);
					if (round >= 2) {
						samples.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>()).add(sample);
					}
				}
			}
			contenders.values().forEach(Contender::close);
			report(concurrency, samples);
		}
	}

	private static double[] round(Contender contender, int items, com.sun.management.OperatingSystemMXBean os,
			com.sun.management.ThreadMXBean threads) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(items);
		Runnable submit = contender.submitter(done::countDown);
		long allocatedBefore = allocated(threads);
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		for (int i = 0; i < items; i++) {
			submit.run();
		}
		if (!done.await(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Items did not finish: " + done.getCount() + " left");
		}
		long wall = System.nanoTime() - start;
		long cpu = os.getProcessCpuTime() - cpuBefore;
		long allocatedBytes = allocated(threads) - allocatedBefore;
		return new double[] { items * 1e9 / wall, (double) cpu / items, (double) allocatedBytes / items };
	}

	static long allocated(com.sun.management.ThreadMXBean threads) {
		long[] ids = threads.getAllThreadIds();
		long sum = 0;
		for (long bytes : threads.getThreadAllocatedBytes(ids)) {
			if (bytes > 0) {
				sum += bytes;
			}
		}
		return sum;
	}

	private static void report(int concurrency, Map<String, List<double[]>> samples) {
		List<double[]> plain = samples.get(Contender.THREAD_POOL_EXECUTOR);
		System.out.printf(Locale.ROOT, "%n## concurrency %d%n", concurrency);
		System.out.printf(Locale.ROOT, "%-30s %22s %22s %20s %18s%n", "contender", "items/s (min-max)",
				"CPU ns/item (min-max)", "bytes/item (min-max)", "x plain (min-max)");
		for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
			List<double[]> rounds = entry.getValue();
			double[] ratio = new double[rounds.size()];
			for (int i = 0; i < rounds.size(); i++) {
				ratio[i] = rounds.get(i)[0] / plain.get(i)[0];
			}
			System.out.printf(Locale.ROOT, "%-30s %22s %22s %20s %18s%n", entry.getKey(), stat(rounds, 0, "%.0f"),
					stat(rounds, 1, "%.0f"), stat(rounds, 2, "%.0f"), stat(ratio, "%.2f"));
		}
	}

	static String stat(List<double[]> rounds, int index, String format) {
		return stat(rounds.stream().mapToDouble((r) -> r[index]).toArray(), format);
	}

	static String stat(double[] values, String format) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double median = (sorted.length % 2 == 1) ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
		return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", median, sorted[0],
				sorted[sorted.length - 1]);
	}

}
