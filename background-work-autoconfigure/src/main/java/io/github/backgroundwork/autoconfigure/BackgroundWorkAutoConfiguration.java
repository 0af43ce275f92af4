package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.handler.WorkHandlerBeanPostProcessor;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import io.github.backgroundwork.metrics.WorkNameTags;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;

/**
 * Auto-configuration of a {@link BackgroundWorkQueue}, bound to the application's
 * lifecycle so that closing the context drains it, and of the
 * {@link BackgroundWorkQueueConfigurer} that configures it and any queue the application
 * defines itself.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "background-work.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BackgroundWorkProperties.class)
public final class BackgroundWorkAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BackgroundWorkQueueConfigurer backgroundWorkQueueConfigurer(BackgroundWorkProperties properties,
			Environment environment, ApplicationEventPublisher eventPublisher,
			ObjectProvider<TaskDecorator> taskDecorators, ObjectProvider<WorkDecorator> decorators,
			ObjectProvider<WorkListener> listeners, ObjectProvider<WorkErrorHandler> errorHandler,
			ObjectProvider<NamedQueueCustomizer> namedCustomizers,
			ObjectProvider<BackgroundWorkQueueCustomizer> customizers, ObjectProvider<WorkHandlers> handlers,
			ObjectProvider<WorkRetryPolicy> retryPolicy) {
		return new BackgroundWorkQueueConfigurer(properties, useVirtualThreads(properties, environment), eventPublisher,
				taskDecorators, decorators, listeners, errorHandler, namedCustomizers, customizers, handlers,
				retryPolicy);
	}

	@Bean
	@ConditionalOnMissingBean(BackgroundWorkQueue.class)
	DefaultBackgroundWorkQueue backgroundWorkQueue(BackgroundWorkQueueConfigurer configurer) {
		return configurer.configure(DefaultBackgroundWorkQueue.builder()).build();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkNameTags backgroundWorkNameTags(BackgroundWorkProperties properties) {
		return nameTags(properties.getMetrics().getMaxNames());
	}

	/**
	 * The bound on names as tags when the property is not bound: with
	 * {@code background-work.enabled=false} and a queue of the application's own.
	 */
	static WorkNameTags nameTags() {
		return nameTags(new BackgroundWorkProperties().getMetrics().getMaxNames());
	}

	private static WorkNameTags nameTags(int maxNames) {
		return new WorkNameTags(maxNames, "background-work.metrics.max-names");
	}

	private static boolean useVirtualThreads(BackgroundWorkProperties properties, Environment environment) {
		Boolean virtualThreads = properties.getVirtualThreads();
		if (virtualThreads == null) {
			return Threading.VIRTUAL.isActive(environment);
		}
		if (virtualThreads && Runtime.version().feature() < 21) {
			throw new IllegalStateException(
					"background-work.virtual-threads=true needs Java 21 or later, but this is Java "
							+ Runtime.version().feature());
		}
		return virtualThreads;
	}

	@Bean
	static WorkHandlerBeanPostProcessor backgroundWorkHandlerBeanPostProcessor() {
		return new WorkHandlerBeanPostProcessor();
	}

	@Bean
	WorkHandlers backgroundWorkHandlers(WorkHandlerBeanPostProcessor handlerBeanPostProcessor) {
		return handlerBeanPostProcessor.handlers();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkRetryPolicy backgroundWorkRetryPolicy(BackgroundWorkProperties properties) {
		BackgroundWorkRetryProperties retry = properties.getRetry();
		return WorkRetryPolicy.builder()
			.maxRetries(retry.getMaxRetries())
			.delay(retry.getDelay())
			.multiplier(retry.getMultiplier())
			.maxDelay(retry.getMaxDelay())
			.jitter(retry.getJitter())
			.build();
	}

}
