package io.github.backgroundwork.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} of the meters read from a {@link BackgroundWorkQueue}'s
 * {@linkplain BackgroundWorkQueue#statistics() statistics}: the gauges
 * {@code background.work.queued} and {@code background.work.running}, and the counters
 * {@code background.work.rejected} and {@code background.work.abandoned}. They count the
 * queue's own items, so they work with virtual threads as with platform threads.
 * {@link #close() Closing} the binder removes the meters.
 *
 * @since 0.1.0
 * @see BackgroundWorkMetricsListener
 */
public class BackgroundWorkMeterBinder implements MeterBinder, AutoCloseable {

	private final BackgroundWorkQueue queue;

	private final List<Registered> registered = new CopyOnWriteArrayList<>();

	/**
	 * Create a binder.
	 * @param queue the queue to watch
	 */
	public BackgroundWorkMeterBinder(BackgroundWorkQueue queue) {
		this.queue = queue;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		register(registry,
				Gauge.builder("background.work.queued", this.queue, (queue) -> queue.statistics().queued())
					.description("Background work items waiting for a worker")
					.baseUnit(BaseUnits.TASKS)
					.register(registry));
		register(registry,
				Gauge.builder("background.work.running", this.queue, (queue) -> queue.statistics().running())
					.description("Background work items running")
					.baseUnit(BaseUnits.TASKS)
					.register(registry));
		register(registry,
				FunctionCounter
					.builder("background.work.rejected", this.queue, (queue) -> queue.statistics().totals().rejected())
					.description("Enqueue calls refused because the queue was full or shutting down")
					.baseUnit(BaseUnits.TASKS)
					.register(registry));
		register(registry, FunctionCounter
			.builder("background.work.abandoned", this.queue, (queue) -> queue.statistics().totals().abandoned())
			.description("Background work items still unfinished when the shutdown deadline passed")
			.baseUnit(BaseUnits.TASKS)
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
