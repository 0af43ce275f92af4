package io.github.backgroundwork.metrics;

import java.time.Duration;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;

/**
 * {@link WorkListener} that records each item's end and wait in Micrometer: the counter
 * {@code background.work.completed} and the timer {@code background.work.duration} (tags
 * {@code queue}, {@code name} and {@code outcome} = {@code success}, {@code failure} or
 * {@code cancelled}), and the timer {@code background.work.wait} (tags {@code queue} and
 * {@code name}). The {@code name} tag is the kind of work given to {@code enqueue},
 * bounded by {@link WorkNameTags}: past the bound, names share the tag value
 * {@value WorkNameTags#OVERFLOW}. Meters are created once per tag value and cached, so
 * recording does no meter lookup and the cache is bounded too. {@link #close() Closing}
 * the listener removes its meters and stops recording. Listen to one queue per listener.
 *
 * @since 0.1.0
 * @see BackgroundWorkMeterBinder
 */
public class BackgroundWorkMetricsListener implements WorkListener, AutoCloseable {

	private final MeterRegistry registry;

	private final Tags queueTags;

	private final WorkNameTags names;

	private final ConcurrentMap<String, NameMeters> meters = new ConcurrentHashMap<>();

	private volatile boolean closed;

	/**
	 * Create a listener.
	 * @param registry where to record
	 * @param queueName the value of the {@code queue} tag: the queue's bean name
	 * @param names the bound on the values of the {@code name} tag
	 */
	public BackgroundWorkMetricsListener(MeterRegistry registry, String queueName, WorkNameTags names) {
		this.registry = registry;
		this.queueTags = Tags.of("queue", queueName);
		this.names = names;
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
			// Cancelled, or abandoned by a shutdown
			default -> meters.cancelled;
		};
		outcome.completed.increment();
		// An item cancelled before it started has no run time to record
		if (state != WorkState.CANCELLED || !item.runTime().isZero()) {
			outcome.duration.record(item.runTime());
		}
	}

	@Override
	public void onRetrying(WorkInfo item, Throwable failure, Duration delay) {
		if (this.closed) {
			return;
		}
		metersFor(item.name()).retries.increment();
	}

	private NameMeters metersFor(String name) {
		String tagValue = this.names.tagValue(name);
		NameMeters meters = this.meters.get(tagValue);
		return (meters != null) ? meters : this.meters.computeIfAbsent(tagValue, this::createMeters);
	}

	private NameMeters createMeters(String name) {
		Timer wait = Timer.builder("background.work.wait")
			.description("Time background work items waited in the queue before they started")
			.tags(this.queueTags)
			.tag("name", name)
			.register(this.registry);
		Counter retries = Counter.builder("background.work.retries")
			.description("Failed attempts of typed background work that were scheduled to run again")
			.baseUnit(BaseUnits.TASKS)
			.tags(this.queueTags)
			.tag("name", name)
			.register(this.registry);
		return new NameMeters(wait, retries, createOutcome(name, "success"), createOutcome(name, "failure"),
				createOutcome(name, "cancelled"));
	}

	private Outcome createOutcome(String name, String outcome) {
		Counter completed = Counter.builder("background.work.completed")
			.description("Background work items that ended, by outcome")
			.baseUnit(BaseUnits.TASKS)
			.tags(this.queueTags)
			.tag("name", name)
			.tag("outcome", outcome)
			.register(this.registry);
		Timer duration = Timer.builder("background.work.duration")
			.description("Time background work items ran, from start to end")
			.tags(this.queueTags)
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

	private record NameMeters(Timer waited, Counter retries, Outcome success, Outcome failure, Outcome cancelled) {

		Meter[] all() {
			return new Meter[] { this.waited, this.retries, this.success.completed, this.success.duration,
					this.failure.completed, this.failure.duration, this.cancelled.completed, this.cancelled.duration };
		}

	}

}
