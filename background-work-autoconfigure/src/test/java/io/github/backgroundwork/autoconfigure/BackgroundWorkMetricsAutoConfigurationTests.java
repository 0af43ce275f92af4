package io.github.backgroundwork.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.metrics.BackgroundWorkMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackgroundWorkMetricsAutoConfiguration}.
 */
class BackgroundWorkMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
				BackgroundWorkMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class));

	@Test
	void metersAreBoundAndRecordWork() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BackgroundWorkMeterBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			queue.enqueue("mail", (work) -> {
			}).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(registry.get("background.work.queued").tag("queue", "backgroundWorkQueue").gauge().value())
				.isZero();
			assertThat(registry.get("background.work.completed")
				.tags("queue", "backgroundWorkQueue", "name", "mail", "outcome", "success")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void metersAreRemovedWhenTheContextCloses() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, () -> registry)
			.withUserConfiguration(BindingConfiguration.class)
			.run((context) -> {
				context.getBean(BackgroundWorkQueue.class).enqueue("mail", (work) -> {
				}).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
				assertThat(registry.find("background.work.queued").gauge()).isNotNull();
				assertThat(registry.find("background.work.completed").counter()).isNotNull();
			});
		assertThat(registry.getMeters()).isEmpty();
	}

	@Test
	void noMetersWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(BackgroundWorkQueue.class)
				.doesNotHaveBean(BackgroundWorkMeterBinder.class)
				.doesNotHaveBean(QueueMetricsListeners.class));
	}

	@Test
	void noMetricsAutoConfigurationWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(BackgroundWorkQueue.class)
				.doesNotHaveBean(BackgroundWorkMetricsAutoConfiguration.class));
	}

	@Test
	void noMetersWithoutAQueue() {
		this.contextRunner.withPropertyValues("background-work.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(MeterRegistry.class)
				.doesNotHaveBean(BackgroundWorkMeterBinder.class));
	}

	@Test
	void metersBackOffWhenUserDefinesThem() {
		this.contextRunner.withUserConfiguration(UserMetricsConfiguration.class)
			.run((context) -> assertThat(context).getBean(BackgroundWorkMeterBinder.class)
				.isSameAs(context.getBean(UserMetricsConfiguration.class).binder));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		private BackgroundWorkMeterBinder binder;

		@Bean
		BackgroundWorkMeterBinder userBinder(BackgroundWorkQueue queue) {
			this.binder = new BackgroundWorkMeterBinder("queue", queue);
			return this.binder;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BindingConfiguration {

		BindingConfiguration(MeterRegistry registry, BackgroundWorkMeterBinder binder) {
			binder.bindTo(registry);
		}

	}

}
