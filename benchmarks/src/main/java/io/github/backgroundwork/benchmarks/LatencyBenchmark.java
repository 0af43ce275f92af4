package io.github.backgroundwork.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Latency on an idle queue, sampled one call at a time: what {@code enqueue} costs the
 * caller (a web request, say), and how long an item waits from the call to the moment its
 * work begins. Before each call, outside the measured time, the previous item's work has
 * finished, so every call finds the workers idle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LatencyBenchmark {

	@Param({ Contender.QUEUE, Contender.THREAD_POOL_EXECUTOR, Contender.THREAD_POOL_TASK_EXECUTOR })
	public String executor = Contender.QUEUE;

	@Param({ "platform" })
	public String threads = "platform";

	private final AtomicLong started = new AtomicLong();

	private final AtomicLong finished = new AtomicLong();

	private long submitted;

	private Contender contender;

	private Runnable submit;

	@Setup(Level.Trial)
	public void start() {
		this.contender = Contender.start(this.executor, this.threads, Contender.CAPACITY);
		this.submit = this.contender.submitter(() -> {
			this.started.incrementAndGet();
			this.finished.incrementAndGet();
		});
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.contender.close();
	}

	@Setup(Level.Invocation)
	public void awaitIdle() {
		while (this.finished.get() < this.submitted) {
			Thread.onSpinWait();
		}
	}

	/**
	 * The caller's cost of one enqueue onto an idle queue.
	 */
	@Benchmark
	public void enqueue() {
		this.submitted++;
		this.submit.run();
	}

	/**
	 * From the enqueue call to the first instruction of the work, on an idle queue.
	 */
	@Benchmark
	public void enqueueToStart() {
		long target = ++this.submitted;
		this.submit.run();
		while (this.started.get() < target) {
			Thread.onSpinWait();
		}
	}

}
