package io.github.backgroundwork.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkHandle;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that collaborators looked up late still reach every item: work enqueued while the
 * context is starting, and queues the application builds with the
 * {@link BackgroundWorkQueueConfigurer}.
 */
class EarlyWorkDecorationTests {

	static final ThreadLocal<String> caller = new ThreadLocal<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class))
		.withAllowCircularReferences(false);

	@Test
	void workEnqueuedWhileTheContextStartsIsDecoratedWithTheEnqueuingThreadsContext() {
		this.contextRunner.withUserConfiguration(EarlyEnqueuer.class, CarryingDecoratorConfiguration.class)
			.run((context) -> {
				WorkHandle early = context.getBean(EarlyEnqueuer.class).handle;
				early.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
				assertThat(context.getBean(EarlyEnqueuer.class).seen).containsExactly("early caller");
			});
	}

	@Test
	void userQueueStartsWhenTheClassThatInjectsItDeclaresAWorkDecorator() {
		this.contextRunner.withUserConfiguration(MailQueueConfiguration.class, CarryingDecoratorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasBean("mail").doesNotHaveBean("backgroundWorkQueue");
				BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
				assertThat(queue.statistics().concurrency()).as("set after configure").isEqualTo(2);
				List<String> seen = new CopyOnWriteArrayList<>();
				caller.set("test");
				try {
					queue.enqueue("look", (work) -> seen.add(caller.get()))
						.completion()
						.toCompletableFuture()
						.get(10, TimeUnit.SECONDS);
				}
				finally {
					caller.remove();
				}
				assertThat(seen).containsExactly("test");
			});
	}

	@Test
	void enqueueWhileTheDeclaringClassIsCreatedFailsNamingTheCause() {
		this.contextRunner.withUserConfiguration(EnqueuingDecoratorConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(org.springframework.beans.factory.BeanCurrentlyInCreationException.class);
			assertThat(context.getStartupFailure()).hasStackTraceContaining("enqueued while")
				.hasStackTraceContaining("still being created");
		});
	}

	/**
	 * Carries {@link #caller} from the enqueuing thread to the work.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CarryingDecoratorConfiguration {

		CarryingDecoratorConfiguration(BackgroundWorkQueue queue) {
		}

		@Bean
		WorkDecorator carryingDecorator() {
			return (item, execution) -> {
				String value = caller.get();
				return () -> {
					caller.set(value);
					try {
						execution.run();
					}
					finally {
						caller.remove();
					}
				};
			};
		}

	}

	static class EarlyEnqueuer {

		final List<String> seen = new CopyOnWriteArrayList<>();

		final WorkHandle handle;

		EarlyEnqueuer(DefaultBackgroundWorkQueue queue) {
			assertThat(queue.isRunning()).as("enqueued before the queue starts").isFalse();
			caller.set("early caller");
			try {
				this.handle = queue.enqueue("early", (work) -> this.seen.add(caller.get()));
			}
			finally {
				caller.remove();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MailQueueConfiguration {

		@Bean("mail")
		DefaultBackgroundWorkQueue mailQueue(BackgroundWorkQueueConfigurer configurer) {
			return configurer.configure(DefaultBackgroundWorkQueue.builder()).concurrency(2).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EnqueuingDecoratorConfiguration {

		EnqueuingDecoratorConfiguration(BackgroundWorkQueue queue) {
			queue.enqueue("too early", (work) -> {
			});
		}

		@Bean
		WorkDecorator decorator() {
			return (item, execution) -> execution;
		}

	}

}
