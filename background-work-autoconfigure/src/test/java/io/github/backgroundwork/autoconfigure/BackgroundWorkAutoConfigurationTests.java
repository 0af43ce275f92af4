package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link BackgroundWorkAutoConfiguration}.
 */
class BackgroundWorkAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class));

	@Test
	void queueIsAutoConfigured() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BackgroundWorkQueue.class);
			QueueStatistics statistics = context.getBean(BackgroundWorkQueue.class).statistics();
			assertThat(statistics.concurrency()).isEqualTo(8);
			assertThat(statistics.capacity()).isEqualTo(10_000);
		});
	}

	@Test
	void queueBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserQueueConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(BackgroundWorkQueue.class);
			assertThat(context).doesNotHaveBean(DefaultBackgroundWorkQueue.class);
		});
	}

	@Test
	void queueIsAbsentWhenDisabled() {
		this.contextRunner.withPropertyValues("background-work.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundWorkQueue.class));
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner
			.withPropertyValues("background-work.concurrency=3", "background-work.thread-name-prefix=mail-",
					"background-work.queue.capacity=7", "background-work.queue.when-full=caller-runs",
					"background-work.queue.block-timeout=2s", "background-work.shutdown.drain-timeout=1m",
					"background-work.shutdown.cancellation-grace=750ms", "background-work.history.size=5")
			.run((context) -> {
				BackgroundWorkProperties properties = context.getBean(BackgroundWorkProperties.class);
				assertThat(properties.getConcurrency()).isEqualTo(3);
				assertThat(properties.getQueue().getCapacity()).isEqualTo(7);
				assertThat(properties.getQueue().getWhenFull()).isEqualTo(WhenFull.CALLER_RUNS);
				assertThat(properties.getQueue().getBlockTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getShutdown().getDrainTimeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(properties.getShutdown().getCancellationGrace()).isEqualTo(Duration.ofMillis(750));
				assertThat(properties.getHistory().getSize()).isEqualTo(5);
				BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
				assertThat(queue.statistics().concurrency()).isEqualTo(3);
				assertThat(queue.statistics().capacity()).isEqualTo(7);
				CompletableFuture<String> thread = new CompletableFuture<>();
				queue.enqueue("name", (work) -> thread.complete(Thread.currentThread().getName()));
				assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("mail-");
			});
	}

	@Test
	void everyTaskDecoratorIsAppliedInOrderAsSpringBootComposesThem() {
		this.contextRunner.withUserConfiguration(TwoTaskDecoratorsConfiguration.class).run((context) -> {
			List<String> events = context.getBean(TwoTaskDecoratorsConfiguration.class).events;
			WorkHandle handle = context.getBean(BackgroundWorkQueue.class).enqueue("x", (work) -> events.add("work"));
			handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			// As CompositeTaskDecorator: the first decorator wraps the work, the next
			// wraps that
			assertThat(events).containsExactly("decorate first", "decorate second", "run second", "run first", "work");
		});
	}

	@Test
	void workerThreadNameFitsSpringBootsDefaultLogPattern() {
		this.contextRunner.run((context) -> {
			CompletableFuture<String> thread = new CompletableFuture<>();
			context.getBean(BackgroundWorkQueue.class)
				.enqueue("name", (work) -> thread.complete(Thread.currentThread().getName()));
			// Spring Boot's default pattern shows the thread name in 15 characters
			assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("bgwork-").hasSizeLessThanOrEqualTo(15);
		});
	}

	@Test
	void userErrorHandlerTakesOverFailures() {
		CompletableFuture<String> handled = new CompletableFuture<>();
		this.contextRunner
			.withBean(WorkErrorHandler.class,
					() -> (item, error) -> handled.complete(item.name() + ":" + error.getMessage()))
			.run((context) -> {
				WorkHandle handle = context.getBean(BackgroundWorkQueue.class).enqueue("failing", (work) -> {
					throw new IllegalStateException("boom");
				});
				assertThat(handled.get(5, TimeUnit.SECONDS)).isEqualTo("failing:boom");
				assertThat(handle.state()).isEqualTo(WorkState.FAILED);
			});
	}

	@Test
	void virtualThreadsFollowSpringThreadsVirtualEnabled() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			CompletableFuture<Boolean> virtual = new CompletableFuture<>();
			context.getBean(BackgroundWorkQueue.class)
				.enqueue("x",
						(work) -> virtual.complete(Thread.currentThread().toString().startsWith("VirtualThread")));
			assertThat(virtual.get(5, TimeUnit.SECONDS)).isEqualTo(Runtime.version().feature() >= 21);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoTaskDecoratorsConfiguration {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		TaskDecorator second() {
			return decorator("second");
		}

		@Bean
		@Order(1)
		TaskDecorator first() {
			return decorator("first");
		}

		private TaskDecorator decorator(String name) {
			return (runnable) -> {
				this.events.add("decorate " + name);
				return () -> {
					this.events.add("run " + name);
					runnable.run();
				};
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserQueueConfiguration {

		@Bean
		BackgroundWorkQueue userQueue() {
			return mock(BackgroundWorkQueue.class);
		}

	}

}
