package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;

/**
 * A recurring handler due every second that records each run: its item, its thread, and
 * how many runs of it ran at once at most.
 */
public class RecurringTicks {

	final List<String> runs = new CopyOnWriteArrayList<>();

	final Map<String, String> ranOn = new ConcurrentHashMap<>();

	final AtomicInteger running = new AtomicInteger();

	final AtomicInteger maxRunning = new AtomicInteger();

	volatile Duration runFor = Duration.ZERO;

	@BackgroundWorkHandler(value = "tick", every = "1s")
	void tick(WorkContext context) throws InterruptedException {
		int now = this.running.incrementAndGet();
		this.maxRunning.accumulateAndGet(now, Math::max);
		try {
			this.ranOn.merge(context.id(), Thread.currentThread().getName(), (a, b) -> a + "," + b);
			// Simulated work: a run that takes its time
			Thread.sleep(this.runFor.toMillis());
			this.runs.add(context.id());
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	/**
	 * Return how many times each item ran to its end, by id.
	 */
	Map<String, Long> runsById() {
		return this.runs.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

}
