package io.github.backgroundwork.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkAbandonedEvent;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests that a queue the application builds with the
 * {@link BackgroundWorkQueueConfigurer} gets what the auto-configured queue gets.
 */
class UserQueueTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
				BackgroundWorkMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void customizedUserQueueGetsPropertiesListenersCustomizersAndMeters() {
		this.contextRunner.withUserConfiguration(MailQueueConfiguration.class)
			.withPropertyValues("background-work.thread-name-prefix=mail-", "background-work.queue.capacity=7")
			.run((context) -> {
				assertThat(context).hasSingleBean(BackgroundWorkQueue.class).hasBean("mail");
				BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
				assertThat(queue.statistics().capacity()).as("properties").isEqualTo(7);
				assertThat(queue.statistics().concurrency()).as("set after configure").isEqualTo(3);
				CompletableFuture<String> thread = new CompletableFuture<>();
				queue.enqueue("welcome", (work) -> thread.complete(Thread.currentThread().getName()))
					.completion()
					.toCompletableFuture()
					.get(5, TimeUnit.SECONDS);
				assertThat(thread.get()).startsWith("mail-");
				MailQueueConfiguration configuration = context.getBean(MailQueueConfiguration.class);
				assertThat(configuration.started).as("WorkListener bean").containsExactly("welcome");
				assertThat(configuration.customized).as("customizer").isEqualTo(1);
				assertThat(context.getBean(MeterRegistry.class)
					.get("background.work.completed")
					.tags("queue", "mail", "name", "welcome", "outcome", "success")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void userQueueReportsAbandonedWorkAsAnEvent() throws Exception {
		List<BackgroundWorkAbandonedEvent> events = new CopyOnWriteArrayList<>();
		CountDownLatch release = new CountDownLatch(1);
		this.contextRunner.withUserConfiguration(MailQueueConfiguration.class)
			.withPropertyValues("background-work.shutdown.drain-timeout=0s",
					"background-work.shutdown.cancellation-grace=50ms")
			.withBean(ApplicationListener.class,
					() -> ApplicationListener.forPayload((BackgroundWorkAbandonedEvent event) -> events.add(event)))
			.run((context) -> {
				CountDownLatch started = new CountDownLatch(1);
				context.getBean(BackgroundWorkQueue.class).enqueue("stubborn", (work) -> {
					started.countDown();
					release.await(10, TimeUnit.SECONDS);
				});
				assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			});
		release.countDown();
		assertThat(events).singleElement()
			.satisfies((event) -> assertThat(event.items()).extracting(WorkItemSnapshot::name)
				.containsExactly("stubborn"));
	}

	@Test
	void configureOutsideABeanMethodAsksForAName() {
		this.contextRunner.run((context) -> {
			BackgroundWorkQueueConfigurer configurer = context.getBean(BackgroundWorkQueueConfigurer.class);
			assertThatIllegalStateException()
				.isThrownBy(() -> configurer.configure(DefaultBackgroundWorkQueue.builder()))
				.withMessageContaining("configure(queueName, builder)");
			try (DefaultBackgroundWorkQueue queue = configurer.configure("adHoc", DefaultBackgroundWorkQueue.builder())
				.build()) {
				queue.start();
				queue.enqueue("x", (work) -> {
				}).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
				assertThat(context.getBean(MeterRegistry.class)
					.get("background.work.completed")
					.tags("queue", "adHoc", "name", "x", "outcome", "success")
					.counter()
					.count()).isEqualTo(1);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class MailQueueConfiguration {

		final List<String> started = new CopyOnWriteArrayList<>();

		int customized;

		@Bean("mail")
		DefaultBackgroundWorkQueue mailQueue(BackgroundWorkQueueConfigurer configurer) {
			return configurer.configure(DefaultBackgroundWorkQueue.builder()).concurrency(3).build();
		}

		@Bean
		WorkListener recordingListener() {
			return new WorkListener() {

				@Override
				public void onStarted(WorkInfo item) {
					MailQueueConfiguration.this.started.add(item.name());
				}

			};
		}

		@Bean
		BackgroundWorkQueueCustomizer countingCustomizer() {
			return (builder) -> this.customized++;
		}

	}

}
