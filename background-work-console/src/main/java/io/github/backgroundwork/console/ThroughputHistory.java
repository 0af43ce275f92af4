package io.github.backgroundwork.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkTotals;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Samples each queue's totals every {@link #INTERVAL} and keeps the last {@link #WINDOW},
 * so that the console's chart shows the recent throughput from the moment it opens, not
 * only since. The queues count since they were created; the history turns that into how
 * many items ended per interval. One daemon thread, started and stopped with the
 * application.
 *
 * @since 0.1.0
 */
public class ThroughputHistory implements SmartLifecycle {

	/**
	 * How often the totals are sampled.
	 */
	public static final Duration INTERVAL = Duration.ofSeconds(5);

	/**
	 * How far back the history goes.
	 */
	public static final Duration WINDOW = Duration.ofMinutes(10);

	private static final int MAX_SAMPLES = (int) (WINDOW.toMillis() / INTERVAL.toMillis()) + 1;

	private final Map<String, ? extends BackgroundWorkQueue> queues;

	private final Clock clock;

	private final Map<String, Deque<Sample>> samples = new LinkedHashMap<>();

	private @Nullable ScheduledExecutorService sampler;

	/**
	 * Create a history of the given queues.
	 * @param queues the queues, by name
	 * @param clock the clock that stamps the samples
	 */
	public ThroughputHistory(Map<String, ? extends BackgroundWorkQueue> queues, Clock clock) {
		this.queues = queues;
		this.clock = clock;
	}

	/**
	 * Take one sample of every queue now.
	 */
	public void sample() {
		Instant now = this.clock.instant();
		this.queues.forEach((name, queue) -> {
			WorkTotals totals = queue.statistics().totals();
			synchronized (this.samples) {
				Deque<Sample> history = this.samples.computeIfAbsent(name, (key) -> new ArrayDeque<>());
				history.addLast(
						new Sample(now, totals.succeeded(), totals.failed() + totals.abandoned(), totals.cancelled()));
				while (history.size() > MAX_SAMPLES) {
					history.removeFirst();
				}
			}
		});
	}

	/**
	 * The items that ended in each interval of the window, per queue, oldest first.
	 * @return the points by queue name
	 */
	public Map<String, List<Point>> points() {
		Map<String, List<Point>> points = new LinkedHashMap<>();
		synchronized (this.samples) {
			this.samples.forEach((name, history) -> {
				List<Point> queuePoints = new ArrayList<>();
				Sample previous = null;
				for (Sample sample : history) {
					if (previous != null) {
						queuePoints.add(new Point(sample.at(), sample.succeeded() - previous.succeeded(),
								sample.failed() - previous.failed(), sample.cancelled() - previous.cancelled()));
					}
					previous = sample;
				}
				points.put(name, queuePoints);
			});
		}
		return points;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bgwork-console-throughput");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(this::sampleQuietly, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		this.sampler = executor;
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// A queue that fails to answer once must not end the sampling for good
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.sampler;
		if (executor != null) {
			executor.shutdownNow();
			this.sampler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.sampler != null;
	}

	/**
	 * A sample of a queue's totals.
	 */
	private record Sample(Instant at, long succeeded, long failed, long cancelled) {

	}

	/**
	 * How many items of a queue ended in the interval that ends at {@code at}.
	 *
	 * @param at the end of the interval
	 * @param succeeded how many succeeded
	 * @param failed how many failed or were abandoned
	 * @param cancelled how many were cancelled
	 * @since 0.1.0
	 */
	public record Point(Instant at, long succeeded, long failed, long cancelled) {

	}

}
