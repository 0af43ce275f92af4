package io.github.backgroundwork.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} of the meters read from a {@link BackgroundWorkQueue}'s
 * {@linkplain BackgroundWorkQueue#statistics() statistics}: the gauges
 * {@code background.work.queued}, {@code background.work.scheduled} and
 * {@code background.work.running}, and the counters {@code background.work.rejected} and
 * {@code background.work.abandoned}. They count the queue's own items, so they work with
 * virtual threads as with platform threads. Each meter is tagged {@code queue} with the
 * queue's name (its bean name in an application), so that several queues can be told
 * apart. {@link #close() Closing} the binder removes the meters.
 *
 * @since 0.1.0
 * @see BackgroundWorkMetricsListener
 */
public class BackgroundWorkMeterBinder implements MeterBinder, AutoCloseable {

	private final Map<String, BackgroundWorkQueue> queues;

	private final List<Registered> registered = new CopyOnWriteArrayList<>();

	/**
	 * Create a binder of one queue.
	 * @param queueName the value of the {@code queue} tag
	 * @param queue the queue to watch
	 */
	public BackgroundWorkMeterBinder(String queueName, BackgroundWorkQueue queue) {
		this(Map.of(queueName, queue));
	}

	/**
	 * Create a binder of several queues.
	 * @param queues the queues to watch, by the value of their {@code queue} tag
	 */
	public BackgroundWorkMeterBinder(Map<String, ? extends BackgroundWorkQueue> queues) {
		this.queues = new LinkedHashMap<>(queues);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.queues.forEach((name, queue) -> bindTo(registry, Tags.of("queue", name), queue));
	}

	private void bindTo(MeterRegistry registry, Tags tags, BackgroundWorkQueue queue) {
		register(registry,
				Gauge.builder("background.work.queued", queue, (q) -> q.statistics().queued())
					.description("Background work items waiting for a worker")
					.baseUnit(BaseUnits.TASKS)
					.tags(tags)
					.register(registry));
		register(registry,
				Gauge.builder("background.work.scheduled", queue, (q) -> q.statistics().scheduled())
					.description("Background work items waiting for their time: a delay or a retry's backoff")
					.baseUnit(BaseUnits.TASKS)
					.tags(tags)
					.register(registry));
		register(registry,
				Gauge.builder("background.work.running", queue, (q) -> q.statistics().running())
					.description("Background work items running")
					.baseUnit(BaseUnits.TASKS)
					.tags(tags)
					.register(registry));
		register(registry,
				FunctionCounter.builder("background.work.rejected", queue, (q) -> q.statistics().totals().rejected())
					.description("Enqueue calls refused because the queue was full or shutting down")
					.baseUnit(BaseUnits.TASKS)
					.tags(tags)
					.register(registry));
		register(registry,
				FunctionCounter.builder("background.work.abandoned", queue, (q) -> q.statistics().totals().abandoned())
					.description("Background work items still unfinished when the shutdown deadline passed")
					.baseUnit(BaseUnits.TASKS)
					.tags(tags)
					.register(registry));
	}

	private void register(MeterRegistry registry, Meter meter) {
		this.registered.add(new Registered(registry, meter));
	}

	/**
	 * Remove the meters from every registry this binder was bound to.
	 */
	@Override
	public void close() {
		for (Registered meter : this.registered) {
			meter.registry().remove(meter.meter());
		}
		this.registered.clear();
	}

	private record Registered(MeterRegistry registry, Meter meter) {

	}

}
