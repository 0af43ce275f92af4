package io.github.backgroundwork.autoconfigure;

import java.lang.reflect.Method;
import java.util.List;

import io.github.backgroundwork.BackgroundWorkAbandonedEvent;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanCurrentlyInCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.SimpleInstantiationStrategy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * Configures a {@link DefaultBackgroundWorkQueue.Builder} the way the auto-configured
 * queue is configured, so that a queue an application defines itself gets the same: the
 * {@code background-work.*} properties, every {@link TaskDecorator} bean (composed in
 * order, as Spring Boot's task execution does), every {@link WorkDecorator} and
 * {@link WorkListener} bean in order, the {@link WorkErrorHandler} bean, the
 * {@link BackgroundWorkAbandonedEvent}, the meters tagged with the queue's name, and
 * every {@link BackgroundWorkQueueCustomizer} in order. The beans are looked up when the
 * queue starts, or when work is first enqueued before that, through
 * {@link DefaultBackgroundWorkQueue.Builder#deferred deferred} configuration: a bean that
 * injects the queue may declare any of them. <pre class="code">
 * &#64;Bean
 * DefaultBackgroundWorkQueue mailQueue(BackgroundWorkQueueConfigurer configurer) {
 *     return configurer.configure(DefaultBackgroundWorkQueue.builder()).concurrency(2).build();
 * }
 * </pre> Settings made on the builder after {@code configure} win over the properties.
 *
 * @since 0.1.0
 */
public class BackgroundWorkQueueConfigurer {

	private final BackgroundWorkProperties properties;

	private final boolean virtualThreads;

	private final ApplicationEventPublisher eventPublisher;

	private final ObjectProvider<TaskDecorator> taskDecorators;

	private final ObjectProvider<WorkDecorator> decorators;

	private final ObjectProvider<WorkListener> listeners;

	private final ObjectProvider<WorkErrorHandler> errorHandler;

	private final ObjectProvider<NamedQueueCustomizer> namedCustomizers;

	private final ObjectProvider<BackgroundWorkQueueCustomizer> customizers;

	private final ObjectProvider<WorkHandlers> handlers;

	private final ObjectProvider<WorkRetryPolicy> retryPolicy;

	BackgroundWorkQueueConfigurer(BackgroundWorkProperties properties, boolean virtualThreads,
			ApplicationEventPublisher eventPublisher, ObjectProvider<TaskDecorator> taskDecorators,
			ObjectProvider<WorkDecorator> decorators, ObjectProvider<WorkListener> listeners,
			ObjectProvider<WorkErrorHandler> errorHandler, ObjectProvider<NamedQueueCustomizer> namedCustomizers,
			ObjectProvider<BackgroundWorkQueueCustomizer> customizers, ObjectProvider<WorkHandlers> handlers,
			ObjectProvider<WorkRetryPolicy> retryPolicy) {
		this.properties = properties;
		this.handlers = handlers;
		this.retryPolicy = retryPolicy;
		this.virtualThreads = virtualThreads;
		this.eventPublisher = eventPublisher;
		this.taskDecorators = taskDecorators;
		this.decorators = decorators;
		this.listeners = listeners;
		this.errorHandler = errorHandler;
		this.namedCustomizers = namedCustomizers;
		this.customizers = customizers;
	}

	/**
	 * Configure a builder for the queue that the {@code @Bean} method calling this
	 * creates; the bean's name becomes the queue's name (the {@code queue} tag of its
	 * meters).
	 * @param builder the builder
	 * @return the same builder
	 * @throws IllegalStateException if not called from a {@code @Bean} method; call
	 * {@link #configure(String, DefaultBackgroundWorkQueue.Builder)} then
	 */
	public DefaultBackgroundWorkQueue.Builder configure(DefaultBackgroundWorkQueue.Builder builder) {
		String queueName = currentBeanName();
		if (queueName == null) {
			throw new IllegalStateException("BackgroundWorkQueueConfigurer.configure(builder) names the queue after "
					+ "the @Bean method that calls it, but was called from elsewhere; "
					+ "call configure(queueName, builder) instead");
		}
		return configure(queueName, builder);
	}

	/**
	 * Configure a builder for a queue of the given name.
	 * @param queueName the queue's name, the {@code queue} tag of its meters; use its
	 * bean name
	 * @param builder the builder
	 * @return the same builder
	 */
	public DefaultBackgroundWorkQueue.Builder configure(String queueName, DefaultBackgroundWorkQueue.Builder builder) {
		BackgroundWorkProperties properties = this.properties;
		builder.concurrency(properties.getConcurrency())
			.capacity(properties.getQueue().getCapacity())
			.whenFull(properties.getQueue().getWhenFull())
			.blockTimeout(properties.getQueue().getBlockTimeout())
			.drainTimeout(properties.getShutdown().getDrainTimeout())
			.cancellationGrace(properties.getShutdown().getCancellationGrace())
			.historySize(properties.getHistory().getSize())
			.maxStackTrace((int) properties.getHistory().getMaxStackTrace().toBytes())
			.threadNamePrefix(properties.getThreadNamePrefix())
			.virtualThreads(this.virtualThreads);
		this.handlers.ifAvailable(builder::handlers);
		return builder.deferred((deferred) -> applyCollaborators(queueName, deferred));
	}

	/**
	 * Apply the beans the queue works with. Runs when the queue starts (or takes its
	 * first work before that), not while it is created: a bean that injects the queue may
	 * declare any of them.
	 */
	private void applyCollaborators(String queueName, DefaultBackgroundWorkQueue.Builder builder) {
		try {
			this.retryPolicy.ifAvailable(builder::retryPolicy);
			this.decorators.orderedStream().forEach(builder::decorator);
			TaskDecorator taskDecorator = taskDecorator(this.taskDecorators.orderedStream().toList());
			if (taskDecorator != null) {
				builder.decorator((item, execution) -> taskDecorator.decorate(execution));
			}
			this.listeners.orderedStream().forEach(builder::listener);
			builder.listener(new AbandonedEventPublisher(this.eventPublisher));
			List<WorkErrorHandler> errorHandlers = this.errorHandler.orderedStream().toList();
			if (!errorHandlers.isEmpty()) {
				builder.errorHandler((errorHandlers.size() == 1) ? errorHandlers.get(0)
						: new CompositeWorkErrorHandler(errorHandlers));
			}
			this.namedCustomizers.orderedStream().forEach((customizer) -> customizer.customize(queueName, builder));
			this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		}
		catch (BeanCreationException ex) {
			if (ex.contains(BeanCurrentlyInCreationException.class)) {
				throw new IllegalStateException("Background work was enqueued while a bean that queue '" + queueName
						+ "' works with (a TaskDecorator, WorkDecorator, WorkListener, WorkErrorHandler, "
						+ "WorkRetryPolicy or BackgroundWorkQueueCustomizer) was still being created, so the queue "
						+ "could not look it up: enqueue once that bean exists (from an ApplicationRunner, or on "
						+ "ApplicationReadyEvent), or declare it in a class that does not enqueue while it is created",
						ex);
			}
			throw ex;
		}
	}

	/**
	 * As Spring Boot's task execution: one decorator as it is, several composed in order.
	 */
	private static @Nullable TaskDecorator taskDecorator(List<TaskDecorator> decorators) {
		if (decorators.size() == 1) {
			return decorators.get(0);
		}
		return decorators.isEmpty() ? null : new CompositeTaskDecorator(decorators);
	}

	/**
	 * The name of the bean whose {@code @Bean} method is running on this thread, as
	 * Spring derives it: the first name in {@code @Bean}, or else the method's name.
	 */
	private static @Nullable String currentBeanName() {
		Method factoryMethod = SimpleInstantiationStrategy.getCurrentlyInvokedFactoryMethod();
		if (factoryMethod == null) {
			return null;
		}
		MergedAnnotation<Bean> bean = MergedAnnotations.from(factoryMethod).get(Bean.class);
		String[] names = bean.isPresent() ? bean.getStringArray("name") : new String[0];
		return (names.length > 0) ? names[0] : factoryMethod.getName();
	}

	/**
	 * Publishes the items a shutdown abandoned as a {@link BackgroundWorkAbandonedEvent}.
	 */
	private record AbandonedEventPublisher(ApplicationEventPublisher eventPublisher) implements WorkListener {

		@Override
		public void onAbandoned(List<WorkItemSnapshot> items) {
			this.eventPublisher.publishEvent(new BackgroundWorkAbandonedEvent(items));
		}

	}

}
