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
 * What one item costs the enqueuing thread and the worker, apart, without the wake-ups
 * that blur {@link StarterDefaultsCost}: each round enqueues 200,000 no-op items behind
 * an item that holds the only worker (so no worker is woken and none competes for the
 * locks), measuring the enqueuing thread's CPU and bytes; then lets the worker go and
 * measures every other thread's CPU until the last item has run (the worker's drain).
 * Contenders: a plain {@code ThreadPoolExecutor} of one thread, and the auto-configured
 * queue in a Spring Boot context with {@code background-work.concurrency=1}: the
 * starter's defaults, the bare engine ({@code propagate-context=false}), and the defaults
 * with an MDC entry and a current observation on the enqueuing thread. Medians of
 * interleaved rounds after 3 warm-up rounds, with min-max.
 * <p>
 * Arguments: the number of measured rounds, for example {@code 9}; optionally the
 * microseconds of computation per item, for example {@code 10}, which makes a round
 * 20,000 items (0, the default: 200,000 no-op items).
 */
public final class QueueCostsApart {

	private static volatile long sink;

	private QueueCostsApart() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 9;
		int busyMicros = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
		int items = (busyMicros > 0) ? 20_000 : 200_000;
		int busySteps = (busyMicros > 0) ? StarterDefaultsCost.calibrate(busyMicros * 1_000L) : 0;
		Map<String, Contender> contenders = new LinkedHashMap<>();
		contenders.put("thread-pool-executor", new Contender.PlainExecutor(false, 1_000_000, 1));
		String[] oneWorker = { "background-work.concurrency=1", "background-work.queue.capacity=1000000" };
		StarterDefaultsCost.StarterQueue defaults = new StarterDefaultsCost.StarterQueue(Void.class, oneWorker);
		contenders.put("starter queue", defaults);
		contenders.put("starter queue, propagate-context=false", new StarterDefaultsCost.StarterQueue(Void.class,
				"background-work.propagate-context=false", oneWorker[0], oneWorker[1]));
		Map<String, List<double[]>> samples = new LinkedHashMap<>();
		try {
			for (int round = -3; round < rounds; round++) {
				for (Map.Entry<String, Contender> entry : contenders.entrySet()) {
					add(samples, entry.getKey(), round, measure(entry.getValue(), false, items, busySteps));
				}
				add(samples, "starter queue, MDC entry + observation", round,
						measure(defaults, true, items, busySteps));
			}
		}
		finally {
			contenders.values().forEach(Contender::close);
		}
		System.out.printf(Locale.ROOT,
				"# %d cores, Java %s; %d %s items per round behind a held worker, %d rounds (3 warm-up)%n",
				Runtime.getRuntime().availableProcessors(), Runtime.version(), items,
				(busyMicros > 0) ? "~" + busyMicros + " µs (" + busySteps + " LCG steps)" : "no-op", rounds);
		System.out.printf(Locale.ROOT,
				"# System.nanoTime(): %.1f ns per call on this machine; the queue reads the clock twice per item%n%n",
				clockReadNanos());
		System.out.printf(Locale.ROOT, "%-42s %22s %20s %22s %22s%n", "contender", "enqueue CPU ns/item",
				"enqueue bytes/item", "worker CPU ns/item", "both, ns/item");
		samples.forEach((name, list) -> System.out.printf(Locale.ROOT, "%-42s %22s %20s %22s %22s%n", name,
				InterleavedRounds.stat(list, 0, "%.0f"), InterleavedRounds.stat(list, 1, "%.0f"),
				InterleavedRounds.stat(list, 2, "%.0f"), InterleavedRounds.stat(list, 3, "%.0f")));
	}

	/**
	 * What one read of the monotonic clock costs here: the median of 5 loops of 2,000,000
	 * reads. The queue reads it when an item is enqueued and once between two items a
	 * worker runs (the end of one is the start of the next).
	 */
	static double clockReadNanos() {
		int calls = 2_000_000;
		double[] perCall = new double[5];
		long sum = 0;
		for (int loop = 0; loop < perCall.length; loop++) {
			long start = System.nanoTime();
			for (int i = 0; i < calls; i++) {
				sum += System.nanoTime();
			}
			perCall[loop] = (double) (System.nanoTime() - start) / calls;
		}
		sink = sum;
		Arrays.sort(perCall);
		return perCall[perCall.length / 2];
	}

	private static void add(Map<String, List<double[]>> samples, String name, int round, double[] sample) {
		if (round >= 0) {
			samples.computeIfAbsent(name, (key) -> new ArrayList<>()).add(sample);
		}
	}

	/**
	 * One round: enqueue behind a held worker, then drain.
	 * @return enqueue CPU ns, enqueue bytes, worker CPU ns, their sum; per item
	 */
	@SuppressWarnings("try")
	private static double[] measure(Contender contender, boolean carry, int items, int busySteps)
			throws InterruptedException {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch gate = new CountDownLatch(1);
		contender.submitter(() -> {
			held.countDown();
			await(gate);
		}).run();
		await(held);
		CountDownLatch done = new CountDownLatch(items);
		Runnable submit = contender.submitter((busySteps == 0) ? done::countDown : () -> {
			sink = StarterDefaultsCost.busy(busySteps);
			done.countDown();
		});
		long self = Thread.currentThread().getId();
		double enqueueCpu;
		double enqueueBytes;
		try (StarterDefaultsCost.CallerContext context = StarterDefaultsCost.CallerContext.open(carry)) {
			long cpu = threads.getCurrentThreadCpuTime();
			long allocated = threads.getCurrentThreadAllocatedBytes();
			for (int i = 0; i < items; i++) {
				submit.run();
			}
			enqueueCpu = (double) (threads.getCurrentThreadCpuTime() - cpu) / items;
			enqueueBytes = (double) (threads.getCurrentThreadAllocatedBytes() - allocated) / items;
		}
		long others = othersCpu(threads, self);
		gate.countDown();
		if (!done.await(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Items did not finish: " + done.getCount() + " left");
		}
		double workerCpu = (double) (othersCpu(threads, self) - others) / items;
		return new double[] { enqueueCpu, enqueueBytes, workerCpu, enqueueCpu + workerCpu };
	}

	private static long othersCpu(com.sun.management.ThreadMXBean threads, long self) {
		long sum = 0;
		for (long id : threads.getAllThreadIds()) {
			long nanos = (id != self) ? threads.getThreadCpuTime(id) : 0;
			if (nanos > 0) {
				sum += nanos;
			}
		}
		return sum;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
