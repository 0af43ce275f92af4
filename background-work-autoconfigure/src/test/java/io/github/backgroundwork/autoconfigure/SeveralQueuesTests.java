package io.github.backgroundwork.autoconfigure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.QueuesDescriptor;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an application with two queues of its own sees both in meters, the endpoint
 * and health.
 */
class SeveralQueuesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
				BackgroundWorkMetricsAutoConfiguration.class, BackgroundWorkEndpointAutoConfiguration.class,
				BackgroundWorkHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork")
		.withUserConfiguration(TwoQueuesConfiguration.class);

	@Test
	void metersOfEachQueueAreTaggedWithItsBeanName() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBeans(BackgroundWorkQueue.class).containsOnlyKeys("mailQueue", "reportQueue");
			finish(context.getBean("mailQueue", BackgroundWorkQueue.class).enqueue("welcome", (work) -> {
			}));
			finish(context.getBean("reportQueue", BackgroundWorkQueue.class).enqueue("monthly", (work) -> {
			}));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("background.work.queued").gauges())
				.extracting((gauge) -> gauge.getId().getTag("queue"))
				.containsExactlyInAnyOrder("mailQueue", "reportQueue");
			assertThat(registry.get("background.work.completed")
				.tags("queue", "mailQueue", "name", "welcome", "outcome", "success")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("background.work.completed")
				.tags("queue", "reportQueue", "name", "monthly", "outcome", "success")
				.counter()
				.count()).isEqualTo(1);
			assertThat(
					registry.find("background.work.completed").tags("queue", "mailQueue", "name", "monthly").meters())
				.isEmpty();
		});
	}

	@Test
	void endpointShowsEveryQueueAndFindsAnItemInWhicheverHoldsIt() {
		this.contextRunner.run((context) -> {
			CountDownLatch release = new CountDownLatch(1);
			BackgroundWorkQueue reports = context.getBean("reportQueue", BackgroundWorkQueue.class);
			WorkHandle report = reports.enqueue("monthly", (work) -> release.await(10, TimeUnit.SECONDS));
			try {
				BackgroundWorkEndpoint endpoint = context.getBean(BackgroundWorkEndpoint.class);
				QueuesDescriptor all = endpoint.queues(null, null, null, null, null);
				assertThat(all.queues()).containsOnlyKeys("mailQueue", "reportQueue");
				assertThat(all.queues().get("mailQueue").concurrency()).isEqualTo(2);
				assertThat(all.queues().get("reportQueue").concurrency()).isEqualTo(1);
				assertThat(all.queues().get("reportQueue").items().list()).extracting((item) -> item.id())
					.containsExactly(report.id());
				assertThat(endpoint.queues("reportQueue", null, null, null, null).queues())
					.containsOnlyKeys("reportQueue");
				assertThat(endpoint.item(report.id())).isNotNull()
					.satisfies((item) -> assertThat(item.name()).isEqualTo("monthly"));
			}
			finally {
				release.countDown();
			}
			finish(report);
		});
	}

	@Test
	void healthIsACompositeOfOneIndicatorPerQueue() {
		this.contextRunner.run((context) -> {
			HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
			CompositeHealthContributor composite = (CompositeHealthContributor) registry
				.getContributor("backgroundWork");
			assertThat(composite).isNotNull();
			for (String queue : new String[] { "mailQueue", "reportQueue" }) {
				HealthIndicator indicator = (HealthIndicator) composite.getContributor(queue);
				assertThat(indicator).as(queue).isNotNull();
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			}
		});
	}

	private static void finish(WorkHandle item) throws Exception {
		item.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoQueuesConfiguration {

		@Bean
		DefaultBackgroundWorkQueue mailQueue(BackgroundWorkQueueConfigurer configurer) {
			return configurer.configure(DefaultBackgroundWorkQueue.builder()).concurrency(2).build();
		}

		@Bean
		DefaultBackgroundWorkQueue reportQueue(BackgroundWorkQueueConfigurer configurer) {
			return configurer.configure(DefaultBackgroundWorkQueue.builder()).concurrency(1).build();
		}

	}

}
