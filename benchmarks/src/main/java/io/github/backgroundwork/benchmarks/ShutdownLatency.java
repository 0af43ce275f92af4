package io.github.backgroundwork.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time from the last item finishing to {@code close()} returning. Each round starts a
 * contender, enqueues one item, calls {@code close()} while the item runs, and lets the
 * item end only once the contender is shutting down; the item's last act is to note the
 * time. Not a JMH benchmark, because the interval spans two threads.
 */
public final class ShutdownLatency {

	private static final int WARMUP_ROUNDS = 200;

	private static final int ROUNDS = 1000;

	private ShutdownLatency() {
	}

	/**
	 * Measure each contender and write {@code shutdown.properties} into the directory
	 * given as the only argument.
	 * @param args the results directory
	 */
	public static void main(String[] args) {
		Map<String, String> results = new LinkedHashMap<>();
		for (String kind : new String[] { Contender.QUEUE, Contender.THREAD_POOL_EXECUTOR,
				Contender.THREAD_POOL_TASK_EXECUTOR }) {
			for (int i = 0; i < WARMUP_ROUNDS; i++) {
				measure(kind);
			}
			long[] nanos = new long[ROUNDS];
			for (int i = 0; i < ROUNDS; i++) {
				nanos[i] = measure(kind);
			}
			Arrays.sort(nanos);
			double p50 = nanos[ROUNDS / 2] / 1000.0;
			double p99 = nanos[ROUNDS * 99 / 100] / 1000.0;
			double max = nanos[ROUNDS - 1] / 1000.0;
			System.out.printf("%-28s last item finished -> close() returned: p50 %.1f us, p99 %.1f us, max %.1f us"
					+ " (%d rounds)%n", kind, p50, p99, max, ROUNDS);
			results.put(kind + ".p50.us", String.format("%.1f", p50));
			results.put(kind + ".p99.us", String.format("%.1f", p99));
			results.put(kind + ".max.us", String.format("%.1f", max));
		}
		Results.write(Path.of(args[0], "shutdown.properties"), results);
	}

	private static long measure(String kind) {
		AtomicLong finished = new AtomicLong();
		Contender contender = Contender.start(kind, "platform", Contender.CAPACITY);
		Runnable submit = contender.submitter(() -> {
			while (!contender.isShuttingDown()) {
				Thread.onSpinWait();
			}
			finished.set(System.nanoTime());
		});
		submit.run();
		contender.close();
		long closed = System.nanoTime();
		long end = finished.get();
		if (end == 0) {
			throw new IllegalStateException(kind + " returned from close() before its item finished");
		}
		return closed - end;
	}

}
