package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.github.backgroundwork.observation.ContextPropagatingWorkDecorator;
import io.github.backgroundwork.observation.ObservationWorkDecorator;
import io.github.backgroundwork.observation.WorkObservationConvention;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of tracing and context for background work: an observation per item,
 * child of the observation current at enqueue, when the application has an
 * {@link ObservationRegistry}; and, unless {@code background-work.propagate-context} is
 * {@code false}, the logging MDC and current observation carried from the enqueuing
 * thread to the work. Both are {@code WorkDecorator} beans, which the
 * {@link BackgroundWorkQueueConfigurer} applies to every queue it configures.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BackgroundWorkAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBean(BackgroundWorkQueue.class)
public final class BackgroundWorkObservationAutoConfiguration {

	private static final String PROPAGATE_CONTEXT = "background-work.propagate-context";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ObservationWorkDecorator observationWorkDecorator(ObservationRegistry registry,
				ObjectProvider<WorkObservationConvention> convention, ObjectProvider<WorkNameTags> names) {
			return new ObservationWorkDecorator(registry, convention.getIfUnique(),
					names.getIfAvailable(BackgroundWorkAutoConfiguration::nameTags));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContextSnapshotFactory.class)
	@ConditionalOnBooleanProperty(name = PROPAGATE_CONTEXT, matchIfMissing = true)
	static class ContextPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ContextPropagatingWorkDecorator contextPropagatingWorkDecorator() {
			return new ContextPropagatingWorkDecorator();
		}

	}

	/**
	 * Says once at startup that context propagation is asked for but cannot happen, so
	 * that nobody has to find out from the conditions report.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.micrometer.context.ContextSnapshotFactory")
	@ConditionalOnBooleanProperty(name = PROPAGATE_CONTEXT, matchIfMissing = true)
	static class ContextPropagationUnavailableConfiguration {

		private static final Log logger = LogFactory.getLog(BackgroundWorkObservationAutoConfiguration.class);

		ContextPropagationUnavailableConfiguration() {
			logger.info(PROPAGATE_CONTEXT + " is true, but context propagation is inactive: "
					+ "io.micrometer:context-propagation is not on the classpath, so the logging MDC and the current "
					+ "observation are not carried to background work. Add io.micrometer:context-propagation "
					+ "(background-work-spring-boot-starter brings it), or set " + PROPAGATE_CONTEXT
					+ "=false to silence this.");
		}

	}

}
