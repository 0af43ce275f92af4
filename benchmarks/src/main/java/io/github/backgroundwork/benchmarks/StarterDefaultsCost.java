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
import java.util.concurrent.atomic.AtomicLong;

import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.autoconfigure.BackgroundWorkAutoConfiguration;
import io.github.backgroundwork.autoconfigure.BackgroundWorkObservationAutoConfiguration;
import io.github.backgroundwork.observation.ContextPropagatingWorkDecorator;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the starter's defaults cost per item, through a Spring Boot application context as
 * users get the queue ({@code background-work.propagate-context=true},
 * context-propagation and Logback present, 8 workers), beside a plain
 * {@code ThreadPoolExecutor} of 8 threads in the same JVM, in interleaved rounds: CPU and
 * bytes allocated (every thread) per item, for no-op items and items of about 10 µs of
 * computation, with nothing to carry and with an MDC entry and a current observation on
 * the enqueuing thread, with the context switches of every thread per 1,000 items; then
 * {@code enqueue}'s p50 on an idle queue, as soon as the last item has run and 1 ms
 * later, when every worker waits. CPU is the sum of every Java thread's CPU time (callers
 * and workers, to the nanosecond); the process's CPU time, in 10 ms ticks and with the
 * GC's threads, is shown beside it. "snapshot decorator" is the queue with context
 * propagation as it was before {@code ContextPropagatingWorkDecorator} read the accessors
 * itself (a {@code ContextSnapshotFactory} snapshot per item), for comparison in the same
 * run. Last, the decorators alone on one thread, where the machine's load blurs less.
 * <p>
 * Arguments: {@code no-op-items-per-round rounds} (busy rounds run a fifth of the items),
 * for example {@code 200000 7}.
 */
public final class StarterDefaultsCost {

	private static final String PLAIN = "thread-pool-executor";

	private static volatile long sink;

	private StarterDefaultsCost() {
	}

	public static void main(String[] args) throws Exception {
		int items = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 7;
		int busyIterations = calibrate(10_000);
		System.out.printf(Locale.ROOT,
				"# %d cores, Java %s; %d no-op / %d busy items per round, %d rounds "
						+ "(2 warm-up); busy item = %d LCG steps (~10 µs); MDC: %s%n",
				Runtime.getRuntime().availableProcessors(), Runtime.version(), items, items / 5, rounds, busyIterations,
				MDC.getMDCAdapter().getClass().getName());
		Map<String, Contender> contenders = new LinkedHashMap<>();
		contenders.put(PLAIN, new Contender.PlainExecutor(false, Contender.CAPACITY, 8));
		contenders.put("starter queue", new StarterQueue());
		contenders.put("starter queue, snapshot decorator", new StarterQueue(SnapshotPropagation.class));
		contenders.put("starter queue, propagate-context=false",
				new StarterQueue(Void.class, "background-work.propagate-context=false"));
		try {
			for (boolean carry : new boolean[] { false, true }) {
				measure(contenders, items, rounds, 0, carry);
				measure(contenders, items / 5, rounds, busyIterations, carry);
			}
			for (long gap : new long[] { 0, IDLE_GAP_NANOS }) {
				for (boolean carry : new boolean[] { false, true }) {
					System.out.printf(Locale.ROOT, "%n## enqueue on an idle queue, %s, %s: p50 / p99 (ns)%n",
							(gap == 0) ? "as soon as the last item has run" : "1 ms after the last item ran",
							label(carry));
					for (Map.Entry<String, Contender> entry : contenders.entrySet()) {
						long[] percentiles = idleEnqueue(entry.getValue(), carry, gap);
						System.out.printf(Locale.ROOT, "%-42s %6d / %6d%n", entry.getKey(), percentiles[0],
								percentiles[1]);
					}
				}
			}
		}
		finally {
			contenders.values().forEach(Contender::close);
		}
		decoratorAlone();
	}

	/**
	 * The decorators alone, decorating and running on one thread, so that neither a
	 * worker's wake-up nor the machine's other load blurs the figure: thread CPU and
	 * bytes per item, median of rounds, less the cost of setting the context up for each
	 * item.
	 */
	@SuppressWarnings("try")
	private static void decoratorAlone() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		Map<String, WorkDecorator> decorators = new LinkedHashMap<>();
		decorators.put("none (context set up only)", (item, execution) -> execution);
		decorators.put("ContextPropagatingWorkDecorator", new ContextPropagatingWorkDecorator());
		decorators.put("snapshot decorator", new SnapshotPropagation().snapshotDecorator());
		Runnable execution = () -> sink++;
		for (boolean carry : new boolean[] { false, true }) {
			Map<String, List<double[]>> samples = new LinkedHashMap<>();
			for (int round = 0; round < 9; round++) {
				for (Map.Entry<String, WorkDecorator> entry : decorators.entrySet()) {
					WorkDecorator decorator = entry.getValue();
					int items = 200_000;
					long cpu = threads.getCurrentThreadCpuTime();
					long allocated = threads.getCurrentThreadAllocatedBytes();
					for (int i = 0; i < items; i++) {
						Runnable decorated;
						try (CallerContext context = CallerContext.open(carry)) {
							decorated = decorator.decorate(null, execution);
						}
						decorated.run();
						if (decorated == execution) {
							// As the queue does for an item no decorator wrapped
							decorator.afterUndecorated(null);
						}
					}
					if (round >= 2) {
						samples.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>())
							.add(new double[] { (double) (threads.getCurrentThreadCpuTime() - cpu) / items,
									(double) (threads.getCurrentThreadAllocatedBytes() - allocated) / items });
					}
				}
			}
			System.out.printf(Locale.ROOT, "%n## decorator alone, one thread, %s%n%-42s %22s %20s%n", label(carry),
					"decorator", "CPU ns/item (min-max)", "bytes/item (min-max)");
			samples.forEach((name, rounds) -> System.out.printf(Locale.ROOT, "%-42s %22s %20s%n", name, stat(rounds, 0),
					stat(rounds, 1)));
		}
	}

	@SuppressWarnings("try")
	private static void measure(Map<String, Contender> contenders, int items, int rounds, int busyIterations,
			boolean carry) throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		Map<String, List<double[]>> samples = new LinkedHashMap<>();
		for (int round = 0; round < rounds + 2; round++) {
			for (Map.Entry<String, Contender> entry : contenders.entrySet()) {
				CountDownLatch done = new CountDownLatch(items);
				Runnable task = (busyIterations == 0) ? done::countDown : () -> {
					sink = busy(busyIterations);
					done.countDown();
				};
				Runnable submit = entry.getValue().submitter(task);
				try (CallerContext context = CallerContext.open(carry)) {
					long switchesBefore = ContextSwitches.count();
					long allocatedBefore = InterleavedRounds.allocated(threads);
					long threadCpuBefore = threadCpu(threads);
					long cpuBefore = os.getProcessCpuTime();
					long start = System.nanoTime();
					for (int i = 0; i < items; i++) {
						submit.run();
					}
					if (!done.await(2, TimeUnit.MINUTES)) {
						throw new IllegalStateException("Items did not finish: " + done.getCount() + " left");
					}
					double[] sample = { items * 1e9 / (System.nanoTime() - start),
							(double) (threadCpu(threads) - threadCpuBefore) / items,
							(double) (InterleavedRounds.allocated(threads) - allocatedBefore) / items,
							(double) (os.getProcessCpuTime() - cpuBefore) / items,
							(ContextSwitches.count() - switchesBefore) * 1000.0 / items };
					if (round >= 2) {
						samples.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>()).add(sample);
					}
				}
			}
		}
		report(((busyIterations == 0) ? "no-op items" : "~10 µs items") + ", " + label(carry), samples);
	}

	private static void report(String title, Map<String, List<double[]>> samples) {
		List<double[]> plain = samples.get(PLAIN);
		System.out.printf(Locale.ROOT, "%n## %s%n%-42s %24s %22s %24s %20s %24s %26s%n", title, "contender",
				"items/s (min-max)", "CPU ns/item (min-max)", "CPU ns over plain (min-max)", "bytes/item (min-max)",
				"process CPU ns/item", "switches/1,000 items");
		for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
			List<double[]> rounds = entry.getValue();
			double[] over = new double[rounds.size()];
			for (int i = 0; i < rounds.size(); i++) {
				over[i] = rounds.get(i)[1] - plain.get(i)[1];
			}
			System.out.printf(Locale.ROOT, "%-42s %24s %22s %24s %20s %24s %26s%n", entry.getKey(), stat(rounds, 0),
					stat(rounds, 1), InterleavedRounds.stat(over, "%.0f"), stat(rounds, 2), stat(rounds, 3),
					InterleavedRounds.stat(rounds.stream().mapToDouble((r) -> r[4]).toArray(), "%.1f"));
		}
	}

	/**
	 * Return the CPU time of every live Java thread: callers and workers, to the
	 * nanosecond, unlike the process's CPU time, which Linux counts in 10 ms ticks and
	 * which also holds the GC's threads.
	 */
	static long threadCpu(com.sun.management.ThreadMXBean threads) {
		long sum = 0;
		for (long nanos : threads.getThreadCpuTime(threads.getAllThreadIds())) {
			if (nanos > 0) {
				sum += nanos;
			}
		}
		return sum;
	}

	private static String stat(List<double[]> rounds, int index) {
		return InterleavedRounds.stat(rounds, index, "%.0f");
	}

	/**
	 * How long the caller lets an idle executor be before the next call in the second
	 * measurement of idle enqueues: longer than a worker of the queue spins before it
	 * waits, so that every worker waits and the call must wake one.
	 */
	private static final long IDLE_GAP_NANOS = 1_000_000;

	/**
	 * The caller's cost of one call onto an idle executor: before each call, outside the
	 * measured time, the previous item has finished, and then the given time has passed
	 * (the caller spins meanwhile, so that its own wake-up is not measured).
	 */
	@SuppressWarnings("try")
	private static long[] idleEnqueue(Contender contender, boolean carry, long gapNanos) {
		AtomicLong finished = new AtomicLong();
		Runnable submit = contender.submitter(finished::incrementAndGet);
		int count = (gapNanos == 0) ? 20_000 : 2_000;
		int warmUp = count;
		long[] samples = new long[count];
		try (CallerContext context = CallerContext.open(carry)) {
			for (int i = 0; i < warmUp + samples.length; i++) {
				while (finished.get() < i) {
					Thread.onSpinWait();
				}
				long idleUntil = System.nanoTime() + gapNanos;
				while (gapNanos > 0 && System.nanoTime() - idleUntil < 0) {
					Thread.onSpinWait();
				}
				long start = System.nanoTime();
				submit.run();
				long took = System.nanoTime() - start;
				if (i >= warmUp) {
					samples[i - warmUp] = took;
				}
			}
		}
		Arrays.sort(samples);
		return new long[] { samples[samples.length / 2], samples[samples.length * 99 / 100] };
	}

	private static String label(boolean carry) {
		return carry ? "an MDC entry and a current observation at enqueue" : "nothing to carry";
	}

	/**
	 * Return how many steps of {@link #busy(int)} take about the given time on this
	 * thread's CPU.
	 */
	static int calibrate(long nanos) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		int steps = 1_000_000;
		for (int i = 0; i < 20; i++) {
			sink = busy(steps);
		}
		long best = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			long before = threads.getCurrentThreadCpuTime();
			sink = busy(steps);
			best = Math.min(best, threads.getCurrentThreadCpuTime() - before);
		}
		return (int) (steps * nanos / best);
	}

	static long busy(int steps) {
		long x = steps;
		for (int i = 0; i < steps; i++) {
			x = x * 6364136223846793005L + 1442695040888963407L;
		}
		return x;
	}

	/**
	 * An MDC entry and a current observation on the calling thread, or nothing; shared
	 * with {@link QueueCostsApart}.
	 */
	record CallerContext(Observation.@Nullable Scope scope,
			@Nullable Observation observation) implements AutoCloseable {

		private static final ObservationRegistry registry = ObservationRegistry.create();

		static {
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
		}

		static CallerContext open(boolean carry) {
			if (!carry) {
				return new CallerContext(null, null);
			}
			MDC.put("requestId", "4bf92f3577b34da6a3ce929d0e0e4736");
			Observation observation = Observation.start("request", registry);
			return new CallerContext(observation.openScope(), observation);
		}

		@Override
		public void close() {
			if (this.scope != null && this.observation != null) {
				this.scope.close();
				this.observation.stop();
				MDC.remove("requestId");
			}
		}

	}

	/**
	 * The auto-configured queue in an application context of its own.
	 */
	static final class StarterQueue extends Contender {

		private final ConfigurableApplicationContext context;

		private final DefaultBackgroundWorkQueue queue;

		StarterQueue() {
			this(Void.class);
		}

		StarterQueue(Class<?> configuration, String... properties) {
			List<String> all = new ArrayList<>(
					List.of("background-work.concurrency=8", "background-work.queue.when-full=block",
							"background-work.queue.block-timeout=1m", "logging.level.root=warn"));
			all.addAll(List.of(properties));
			SpringApplicationBuilder builder = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(all.toArray(new String[0]));
			if (configuration != Void.class) {
				builder.sources(configuration);
			}
			this.context = builder.run();
			this.queue = this.context.getBean(DefaultBackgroundWorkQueue.class);
			System.out.println("# " + String.join(" ", properties) + " " + configuration.getSimpleName() + ": "
					+ this.context.getBeansOfType(ContextPropagatingWorkDecorator.class).values());
		}

		@Override
		Runnable submitter(Runnable task) {
			BackgroundWork work = (context) -> task.run();
			return () -> this.queue.enqueue("benchmark", work);
		}

		@Override
		boolean isShuttingDown() {
			return !this.queue.isRunning();
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ BackgroundWorkAutoConfiguration.class,
			BackgroundWorkObservationAutoConfiguration.class })
	static class Application {

	}

	/**
	 * Context propagation as it was: a {@code ContextSnapshotFactory} snapshot of every
	 * accessor per item, clearing the missing ones on the worker.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SnapshotPropagation {

		@Bean
		ContextPropagatingWorkDecorator snapshotDecorator() {
			ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder()
				.contextRegistry(ContextPropagatingWorkDecorator.defaultContextRegistry())
				.clearMissing(true)
				.build();
			return new ContextPropagatingWorkDecorator() {

				@Override
				public Runnable decorate(WorkInfo item, Runnable execution) {
					return snapshots.captureAll().wrap(execution);
				}

			};
		}

	}

}
