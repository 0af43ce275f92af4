package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.observation.ContextPropagatingWorkDecorator;
import io.github.backgroundwork.observation.ObservationWorkDecorator;
import io.github.backgroundwork.observation.WorkObservationConvention;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of tracing and context for background work: an observation per item,
 * child of the observation current at enqueue, when the application has an
 * {@link ObservationRegistry}; and, unless {@code background-work.propagate-context} is
 * {@code false}, the logging MDC and current observation carried from the enqueuing
 * thread to the work.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BackgroundWorkAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBean(BackgroundWorkQueue.class)
public final class BackgroundWorkObservationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ObservationWorkDecorator observationWorkDecorator(ObservationRegistry registry,
				ObjectProvider<WorkObservationConvention> convention) {
			return new ObservationWorkDecorator(registry, convention.getIfUnique());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContextSnapshotFactory.class)
	@ConditionalOnBooleanProperty(name = "background-work.propagate-context", matchIfMissing = true)
	static class ContextPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ContextPropagatingWorkDecorator contextPropagatingWorkDecorator() {
			return new ContextPropagatingWorkDecorator();
		}

	}

}
