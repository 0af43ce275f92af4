package io.github.backgroundwork.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of the smallest possible work: one caller enqueues a million no-op items and
 * waits until all of them have run. The only thing an item does is count down the latch
 * the caller waits on, the same for every contender.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ThroughputBenchmark.ITEMS)
public class ThroughputBenchmark {

	static final int ITEMS = 1_000_000;

	@Param({ Contender.QUEUE, Contender.THREAD_POOL_EXECUTOR, Contender.THREAD_POOL_TASK_EXECUTOR })
	public String executor = Contender.QUEUE;

	@Param({ "platform" })
	public String threads = "platform";

	@Param({ "2", "8" })
	public int concurrency = 2;

	private Contender contender;

	@Setup(Level.Trial)
	public void start() {
		this.contender = Contender.start(this.executor, this.threads, Contender.CAPACITY, this.concurrency);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.contender.close();
	}

	@Benchmark
	public void millionNoOps() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(ITEMS);
		Runnable submit = this.contender.submitter(done::countDown);
		for (int i = 0; i < ITEMS; i++) {
			submit.run();
		}
		if (!done.await(1, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Items did not finish: " + done.getCount() + " left");
		}
	}

}
