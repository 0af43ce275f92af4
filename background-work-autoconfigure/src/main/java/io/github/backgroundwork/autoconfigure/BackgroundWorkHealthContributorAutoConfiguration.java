package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.actuate.BackgroundWorkHealthIndicator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code backgroundWork} health contributor: a
 * {@link BackgroundWorkHealthIndicator} of the one {@link BackgroundWorkQueue} bean, or,
 * with several, a composite of one indicator per queue keyed by bean name (as Spring Boot
 * does for several data sources). Turn it off with
 * {@code management.health.backgroundwork.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BackgroundWorkAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(BackgroundWorkQueue.class)
@ConditionalOnEnabledHealthIndicator("backgroundwork")
public final class BackgroundWorkHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<BackgroundWorkHealthIndicator, BackgroundWorkQueue> {

	BackgroundWorkHealthContributorAutoConfiguration() {
		super(BackgroundWorkHealthIndicator::new);
	}

	@Bean
	@ConditionalOnMissingBean(name = { "backgroundWorkHealthIndicator", "backgroundWorkHealthContributor" })
	HealthContributor backgroundWorkHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, BackgroundWorkQueue.class);
	}

}
