package io.github.backgroundwork.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;

/**
 * {@link WorkListener} that records each item's end and wait in Micrometer: the counter
 * {@code background.work.completed} and the timer {@code background.work.duration} (tags
 * {@code name} and {@code outcome} = {@code success}, {@code failure} or
 * {@code cancelled}), and the timer {@code background.work.wait} (tag {@code name}). The
 * {@code name} tag is the kind of work given to {@code enqueue}, so keep the number of
 * names small. Meters are created once per name and cached, so recording does no meter
 * lookup. {@link #close() Closing} the listener removes its meters and stops recording.
 *
 * @since 0.1.0
 * @see BackgroundWorkMeterBinder
 */
public class BackgroundWorkMetricsListener implements WorkListener, AutoCloseable {

	private final MeterRegistry registry;

	private final ConcurrentMap<String, NameMeters> meters = new ConcurrentHashMap<>();

	private volatile boolean closed;

	/**
	 * Create a listener.
	 * @param registry where to record
	 */
	public BackgroundWorkMetricsListener(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onStarted(WorkInfo item) {
		if (this.closed) {
			return;
		}
		metersFor(item.name()).waited.record(item.waitTime());
	}

	@Override
	public void onFinished(WorkInfo item) {
		if (this.closed) {
			return;
		}
		NameMeters meters = metersFor(item.name());
		WorkState state = item.state();
		Outcome outcome = switch (state) {
			case SUCCEEDED -> meters.success;
			case FAILED -> meters.failure;
			default -> meters.cancelled;
		};
		outcome.completed.increment();
		// An item cancelled before it started has no run time to record
		if (state != WorkState.CANCELLED || !item.runTime().isZero()) {
			outcome.duration.record(item.runTime());
		}
	}

	private NameMeters metersFor(String name) {
		NameMeters meters = this.meters.get(name);
		return (meters != null) ? meters : this.meters.computeIfAbsent(name, this::createMeters);
	}

	private NameMeters createMeters(String name) {
		Timer wait = Timer.builder("background.work.wait")
			.description("Time background work items waited in the queue before they started")
			.tag("name", name)
			.register(this.registry);
		return new NameMeters(wait, createOutcome(name, "success"), createOutcome(name, "failure"),
				createOutcome(name, "cancelled"));
	}

	private Outcome createOutcome(String name, String outcome) {
		Counter completed = Counter.builder("background.work.completed")
			.description("Background work items that ended, by outcome")
			.baseUnit(BaseUnits.TASKS)
			.tag("name", name)
			.tag("outcome", outcome)
			.register(this.registry);
		Timer duration = Timer.builder("background.work.duration")
			.description("Time background work items ran, from start to end")
			.tag("name", name)
			.tag("outcome", outcome)
			.register(this.registry);
		return new Outcome(completed, duration);
	}

	/**
	 * Remove the meters this listener created.
	 */
	@Override
	public void close() {
		this.closed = true;
		for (NameMeters meters : this.meters.values()) {
			for (Meter meter : meters.all()) {
				this.registry.remove(meter);
			}
		}
		this.meters.clear();
	}

	private record Outcome(Counter completed, Timer duration) {

	}

	private record NameMeters(Timer waited, Outcome success, Outcome failure, Outcome cancelled) {

		Meter[] all() {
			return new Meter[] { this.waited, this.success.completed, this.success.duration, this.failure.completed,
					this.failure.duration, this.cancelled.completed, this.cancelled.duration };
		}

	}

}
