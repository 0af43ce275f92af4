package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a configuration class may both inject the queue and declare one of the
 * queue's collaborators: the queue looks them up when it starts, not while it is created,
 * so no cycle closes through the class that needs it.
 */
class CollaboratorCycleTests {

	static final ThreadLocal<String> decoration = new ThreadLocal<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class))
		.withAllowCircularReferences(false);

	@Test
	void queueStartsWhenTheClassThatInjectsItDeclaresATaskDecorator() {
		this.contextRunner.withUserConfiguration(TaskDecoratorConfiguration.class)
			.run((context) -> assertThat(decorationSeenBy(context.getBean(BackgroundWorkQueue.class)))
				.isEqualTo("task decorator"));
	}

	@Test
	void queueStartsWhenTheClassThatInjectsItInAFieldDeclaresATaskDecorator() {
		this.contextRunner.withUserConfiguration(FieldInjectionConfiguration.class)
			.run((context) -> assertThat(decorationSeenBy(context.getBean(FieldInjectionConfiguration.class).queue))
				.isEqualTo("field"));
	}

	@Test
	void queueStartsWhenTheClassThatInjectsItDeclaresAWorkDecorator() {
		this.contextRunner.withUserConfiguration(WorkDecoratorConfiguration.class)
			.run((context) -> assertThat(decorationSeenBy(context.getBean(BackgroundWorkQueue.class)))
				.isEqualTo("work decorator"));
	}

	@Test
	void queueStartsWhenTheClassThatInjectsItDeclaresAWorkListener() {
		this.contextRunner.withUserConfiguration(WorkListenerConfiguration.class).run((context) -> {
			runToEnd(context.getBean(BackgroundWorkQueue.class), "heard");
			assertThat(context.getBean(WorkListenerConfiguration.class).finished).containsExactly("heard");
		});
	}

	@Test
	void queueStartsWhenTheClassThatInjectsItDeclaresAWorkErrorHandler() {
		this.contextRunner.withUserConfiguration(WorkErrorHandlerConfiguration.class).run((context) -> {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			assertThat(queue.enqueue("broken", (work) -> {
				throw new IllegalStateException("boom");
			}).completion().toCompletableFuture().handle((result, ex) -> ex).get(10, TimeUnit.SECONDS)).isNotNull();
			assertThat(context.getBean(WorkErrorHandlerConfiguration.class).failures).containsExactly("broken: boom");
		});
	}

	@Test
	void queueStartsWhenTheClassThatInjectsItDeclaresAWorkRetryPolicy() {
		this.contextRunner.withUserConfiguration(WorkRetryPolicyConfiguration.class).run((context) -> {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			WorkHandle handle = queue.enqueue(WorkRequest.of("flaky", "x"));
			assertThat(handle.completion().toCompletableFuture().handle((result, ex) -> ex).get(10, TimeUnit.SECONDS))
				.isNotNull();
			assertThat(handle.state()).isEqualTo(WorkState.FAILED);
			assertThat(context.getBean(WorkRetryPolicyConfiguration.class).attempts)
				.as("one run and the two retries the policy bean allows, not the default three")
				.hasValue(3);
		});
	}

	@Test
	void queueStartsWhenTheClassThatInjectsItDeclaresACustomizer() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			assertThat(queue.statistics().concurrency()).isEqualTo(3);
			assertThat(decorationSeenBy(queue)).isEqualTo("customizer");
		});
	}

	static String decorationSeenBy(BackgroundWorkQueue queue) throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		queue.enqueue("look", (work) -> seen.add(String.valueOf(decoration.get())))
			.completion()
			.toCompletableFuture()
			.get(10, TimeUnit.SECONDS);
		return seen.get(0);
	}

	static void runToEnd(BackgroundWorkQueue queue, String name) throws Exception {
		queue.enqueue(name, (work) -> {
		}).completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
	}

	static Runnable decorated(String value, Runnable runnable) {
		return () -> {
			decoration.set(value);
			try {
				runnable.run();
			}
			finally {
				decoration.remove();
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskDecoratorConfiguration {

		TaskDecoratorConfiguration(BackgroundWorkQueue queue) {
		}

		@Bean
		TaskDecorator taskDecorator() {
			return (runnable) -> decorated("task decorator", runnable);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FieldInjectionConfiguration {

		@Autowired
		BackgroundWorkQueue queue;

		@Bean
		TaskDecorator taskDecorator() {
			return (runnable) -> decorated("field", runnable);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkDecoratorConfiguration {

		WorkDecoratorConfiguration(BackgroundWorkQueue queue) {
		}

		@Bean
		WorkDecorator workDecorator() {
			return (item, execution) -> decorated("work decorator", execution);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkListenerConfiguration {

		final List<String> finished = new CopyOnWriteArrayList<>();

		WorkListenerConfiguration(BackgroundWorkQueue queue) {
		}

		@Bean
		WorkListener workListener() {
			return new WorkListener() {

				@Override
				public void onFinished(WorkInfo item) {
					WorkListenerConfiguration.this.finished.add(item.name());
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkErrorHandlerConfiguration {

		final List<String> failures = new CopyOnWriteArrayList<>();

		WorkErrorHandlerConfiguration(BackgroundWorkQueue queue) {
		}

		@Bean
		WorkErrorHandler workErrorHandler() {
			return (item, error) -> this.failures.add(item.name() + ": " + error.getMessage());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkRetryPolicyConfiguration {

		final AtomicInteger attempts = new AtomicInteger();

		WorkRetryPolicyConfiguration(BackgroundWorkQueue queue) {
		}

		@Bean
		WorkRetryPolicy workRetryPolicy() {
			return WorkRetryPolicy.builder().maxRetries(2).delay(Duration.ofMillis(10)).jitter(Duration.ZERO).build();
		}

		@BackgroundWorkHandler("flaky")
		void fail(String payload) {
			this.attempts.incrementAndGet();
			throw new IllegalStateException("always");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		CustomizerConfiguration(BackgroundWorkQueue queue) {
		}

		@Bean
		BackgroundWorkQueueCustomizer customizer() {
			return (builder) -> builder.concurrency(3)
				.decorator((item, execution) -> decorated("customizer", execution));
		}

	}

}
