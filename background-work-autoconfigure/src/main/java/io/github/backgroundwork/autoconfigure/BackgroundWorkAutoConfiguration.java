package io.github.backgroundwork.autoconfigure;

import java.util.List;

import io.github.backgroundwork.BackgroundWorkAbandonedEvent;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.handler.WorkHandlerBeanPostProcessor;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;

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
 * lifecycle so that closing the context drains it.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "background-work.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BackgroundWorkProperties.class)
public final class BackgroundWorkAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(BackgroundWorkQueue.class)
	DefaultBackgroundWorkQueue backgroundWorkQueue(BackgroundWorkProperties properties, Environment environment,
			ApplicationEventPublisher eventPublisher, ObjectProvider<TaskDecorator> taskDecorator,
			ObjectProvider<WorkDecorator> decorators, ObjectProvider<WorkListener> listeners,
			ObjectProvider<WorkErrorHandler> errorHandler) {
		DefaultBackgroundWorkQueue.Builder builder = DefaultBackgroundWorkQueue.builder()
			.concurrency(properties.getConcurrency())
			.capacity(properties.getQueue().getCapacity())
			.whenFull(properties.getQueue().getWhenFull())
			.blockTimeout(properties.getQueue().getBlockTimeout())
			.drainTimeout(properties.getShutdown().getDrainTimeout())
			.cancellationGrace(properties.getShutdown().getCancellationGrace())
			.historySize(properties.getHistory().getSize())
			.threadNamePrefix(properties.getThreadNamePrefix())
			.virtualThreads(useVirtualThreads(properties, environment));
		decorators.orderedStream().forEach(builder::decorator);
		TaskDecorator userDecorator = taskDecorator.getIfUnique();
		if (userDecorator != null) {
			builder.decorator((item, execution) -> userDecorator.decorate(execution));
		}
		listeners.orderedStream().forEach(builder::listener);
		builder.listener(new WorkListener() {

			@Override
			public void onAbandoned(List<WorkItemSnapshot> items) {
				eventPublisher.publishEvent(new BackgroundWorkAbandonedEvent(items));
			}

		});
		errorHandler.ifUnique(builder::errorHandler);
		return builder.build();
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
		BackgroundWorkProperties.Retry retry = properties.getRetry();
		return WorkRetryPolicy.builder()
			.maxRetries(retry.getMaxRetries())
			.delay(retry.getDelay())
			.multiplier(retry.getMultiplier())
			.maxDelay(retry.getMaxDelay())
			.jitter(retry.getJitter())
			.build();
	}

}
