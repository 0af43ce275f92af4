package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.metrics.BackgroundWorkMeterBinder;
import io.github.backgroundwork.metrics.BackgroundWorkMetricsListener;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code background.work.*} meters, when the application has a
 * {@link MeterRegistry}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BackgroundWorkAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(BackgroundWorkQueue.class)
public final class BackgroundWorkMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BackgroundWorkMeterBinder backgroundWorkMeterBinder(BackgroundWorkQueue queue) {
		return new BackgroundWorkMeterBinder(queue);
	}

	@Bean
	@ConditionalOnMissingBean
	BackgroundWorkMetricsListener backgroundWorkMetricsListener(MeterRegistry registry) {
		return new BackgroundWorkMetricsListener(registry);
	}

}
