package io.github.backgroundwork.benchmarks.durable;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.OperatingSystemMXBean;

/**
 * One round of every measurement on one contender: throughput of 20,000 items enqueued in
 * batches, latency from commit to start on the running instance and from the other
 * instance, and the cost of an enqueue, single and batched.
 */
final class Measurements {

	static final int THROUGHPUT_ITEMS = 20_000;

	static final int BATCH = 1_000;

	static final int LATENCY_SAMPLES = 200;

	static final Duration LATENCY_PACE = Duration.ofMillis(20);

	static final int SINGLE_ENQUEUES = 200;

	static final int BATCHED_ENQUEUES = 5;

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private final PostgresServer server;

	private final AtomicInteger ids = new AtomicInteger(1);

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	Measurements(PostgresServer server) {
		this.server = server;
	}

	/**
	 * Measure everything once.
	 * @param contender the started contender
	 * @param statementsOf the database whose {@code pg_stat_statements} to print after
	 * the throughput run, or {@code null}
	 * @param throughputOnly whether to measure the throughput only
	 * @return the figures by metric
	 * @throws InterruptedException if interrupted
	 */
	Map<String, Double> round(DurableContender contender, String statementsOf, boolean throughputOnly)
			throws InterruptedException {
		Map<String, Double> figures = new LinkedHashMap<>();
		ready(contender);
		throughput(contender, figures, statementsOf);
		if (throughputOnly) {
			return figures;
		}
		latency(contender, false, figures);
		latency(contender, true, figures);
		enqueueCost(contender, figures);
		return figures;
	}

	/**
	 * Wait until the contender runs an item: its workers are up.
	 */
	private void ready(DurableContender contender) throws InterruptedException {
		int id = this.ids.getAndIncrement();
		Probe probe = Probe.expect(id, 1);
		contender.enqueueOne(id);
		check(probe, contender, "its first item");
	}

	private void throughput(DurableContender contender, Map<String, Double> figures, String statementsOf)
			throws InterruptedException {
		int first = this.ids.getAndAdd(THROUGHPUT_ITEMS);
		Probe probe = Probe.expect(first, THROUGHPUT_ITEMS);
		Statements.reset(this.server, statementsOf);
		long jvmCpu = this.os.getProcessCpuTime();
		long serverCpu = this.server.cpuNanos();
		long start = System.nanoTime();
		for (int batch = 0; batch < THROUGHPUT_ITEMS / BATCH; batch++) {
			contender.enqueueBatch(first + batch * BATCH, BATCH);
		}
		check(probe, contender, "the throughput run");
		long elapsed = System.nanoTime() - start;
		figures.put("throughput", THROUGHPUT_ITEMS / (elapsed / 1e9));
		figures.put("jvmCpuPerItem", (this.os.getProcessCpuTime() - jvmCpu) / 1e3 / THROUGHPUT_ITEMS);
		figures.put("dbCpuPerItem", (this.server.cpuNanos() - serverCpu) / 1e3 / THROUGHPUT_ITEMS);
		Statements.print(this.server, statementsOf, contender.name());
	}

	private void latency(DurableContender contender, boolean elsewhere, Map<String, Double> figures)
			throws InterruptedException {
		int first = this.ids.getAndAdd(LATENCY_SAMPLES);
		Probe probe = Probe.expect(first, LATENCY_SAMPLES);
		long start = System.nanoTime();
		for (int i = 0; i < LATENCY_SAMPLES; i++) {
			// Pacing only: items arrive every 20 ms whether or not the previous one ran
			long due = start + i * LATENCY_PACE.toNanos();
			while (System.nanoTime() - due < 0) {
				LockSupport.parkNanos(due - System.nanoTime());
			}
			int id = first + i;
			if (elsewhere) {
				contender.enqueueOneElsewhere(id);
			}
			else {
				contender.enqueueOne(id);
			}
			probe.committed(id);
		}
		check(probe, contender, "the latency run");
		double[] latencies = probe.latenciesMillis();
		String prefix = elsewhere ? "across" : "idle";
		figures.put(prefix + "P50", Stats.percentile(latencies, 50));
		figures.put(prefix + "P99", Stats.percentile(latencies, 99));
	}

	private void enqueueCost(DurableContender contender, Map<String, Double> figures) throws InterruptedException {
		boolean ours = contender instanceof OurQueue;
		int singles = ours ? 2 * SINGLE_ENQUEUES : SINGLE_ENQUEUES;
		int count = singles + BATCHED_ENQUEUES * BATCH;
		int first = this.ids.getAndAdd(count);
		Probe probe = Probe.expect(first, count);
		double[] single = new double[SINGLE_ENQUEUES];
		for (int i = 0; i < SINGLE_ENQUEUES; i++) {
			long start = System.nanoTime();
			contender.enqueueOne(first + i);
			single[i] = (System.nanoTime() - start) / 1e3;
		}
		figures.put("enqueueSingle", Stats.percentile(single, 50));
		if (ours) {
			double[] bare = new double[SINGLE_ENQUEUES];
			for (int i = 0; i < SINGLE_ENQUEUES; i++) {
				long start = System.nanoTime();
				((OurQueue) contender).enqueueOneWithoutTransaction(first + SINGLE_ENQUEUES + i);
				bare[i] = (System.nanoTime() - start) / 1e3;
			}
			figures.put("enqueueSingleNoTx", Stats.percentile(bare, 50));
		}
		double[] batched = new double[BATCHED_ENQUEUES];
		for (int i = 0; i < BATCHED_ENQUEUES; i++) {
			long start = System.nanoTime();
			contender.enqueueBatch(first + singles + i * BATCH, BATCH);
			batched[i] = (System.nanoTime() - start) / 1e3 / BATCH;
		}
		figures.put("enqueueBatched", Stats.percentile(batched, 50));
		check(probe, contender, "the enqueue-cost run");
	}

	private static void check(Probe probe, DurableContender contender, String what) throws InterruptedException {
		if (!probe.await(TIMEOUT)) {
			throw new IllegalStateException(contender.name() + " did not run " + probe.missing() + " item(s) of " + what
					+ " within " + TIMEOUT.toSeconds() + " s");
		}
	}

	static void pause(Duration duration) {
		LockSupport.parkNanos(TimeUnit.NANOSECONDS.convert(duration));
	}

}
