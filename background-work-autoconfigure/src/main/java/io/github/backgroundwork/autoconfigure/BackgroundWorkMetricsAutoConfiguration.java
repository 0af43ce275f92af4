package io.github.backgroundwork.autoconfigure;

import java.util.Map;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.metrics.BackgroundWorkMeterBinder;
import io.github.backgroundwork.metrics.BackgroundWorkMetricsListener;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code background.work.*} meters of every
 * {@link BackgroundWorkQueue} bean, tagged {@code queue} with its bean name, when the
 * application has a {@link MeterRegistry}. The meters of each item's wait and run come
 * from a {@link BackgroundWorkMetricsListener} that the
 * {@link BackgroundWorkQueueConfigurer} adds to each queue it configures.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BackgroundWorkAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, BackgroundWorkQueue.class })
public final class BackgroundWorkMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BackgroundWorkMeterBinder backgroundWorkMeterBinder(Map<String, BackgroundWorkQueue> queues) {
		return new BackgroundWorkMeterBinder(queues);
	}

	@Bean
	QueueMetricsListeners backgroundWorkMetricsListeners(MeterRegistry registry, ObjectProvider<WorkNameTags> names) {
		return new QueueMetricsListeners(registry, names.getIfAvailable(BackgroundWorkAutoConfiguration::nameTags));
	}

}
