package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.actuate.BackgroundWorkHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackgroundWorkHealthContributorAutoConfiguration}.
 */
class BackgroundWorkHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
				BackgroundWorkHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class));

	@Test
	void healthContributorIsNamedBackgroundWork() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BackgroundWorkHealthIndicator.class);
			HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
			HealthIndicator contributor = (HealthIndicator) registry.getContributor("backgroundWork");
			assertThat(contributor).isNotNull();
			Health health = contributor.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", QueueState.RUNNING);
		});
	}

	@Test
	void healthContributorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.backgroundwork.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundWorkHealthIndicator.class));
	}

	@Test
	void healthContributorIsAbsentWithoutAQueue() {
		this.contextRunner.withPropertyValues("background-work.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundWorkHealthIndicator.class));
	}

	@Test
	void healthContributorIsAbsentWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Health.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BackgroundWorkHealthIndicator.class));
	}

	@Test
	void healthContributorBacksOffWhenUserDefinesOne() {
		HealthIndicator userIndicator = () -> Health.up().build();
		this.contextRunner.withBean("backgroundWorkHealthIndicator", HealthIndicator.class, () -> userIndicator)
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundWorkHealthIndicator.class)
				.getBean("backgroundWorkHealthIndicator")
				.isSameAs(userIndicator));
	}

}
