package io.github.backgroundwork.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.metrics.BackgroundWorkMetricsListener;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gives each configured queue a {@link BackgroundWorkMetricsListener} tagged with the
 * queue's name, and closes them, removing their meters, when the context closes.
 */
final class QueueMetricsListeners implements NamedQueueCustomizer, AutoCloseable {

	private final MeterRegistry registry;

	private final WorkNameTags names;

	private final List<BackgroundWorkMetricsListener> listeners = new CopyOnWriteArrayList<>();

	QueueMetricsListeners(MeterRegistry registry, WorkNameTags names) {
		this.registry = registry;
		this.names = names;
	}

	@Override
	public void customize(String queueName, DefaultBackgroundWorkQueue.Builder builder) {
		BackgroundWorkMetricsListener listener = new BackgroundWorkMetricsListener(this.registry, queueName,
				this.names);
		this.listeners.add(listener);
		builder.listener(listener);
	}

	@Override
	public void close() {
		this.listeners.forEach(BackgroundWorkMetricsListener::close);
		this.listeners.clear();
	}

}
