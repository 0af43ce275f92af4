package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.actuate.BackgroundWorkHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code backgroundWork} health contributor, a
 * {@link BackgroundWorkHealthIndicator}. Turn it off with
 * {@code management.health.backgroundwork.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BackgroundWorkAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnSingleCandidate(BackgroundWorkQueue.class)
@ConditionalOnEnabledHealthIndicator("backgroundwork")
public final class BackgroundWorkHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "backgroundWorkHealthIndicator")
	BackgroundWorkHealthIndicator backgroundWorkHealthIndicator(BackgroundWorkQueue queue) {
		return new BackgroundWorkHealthIndicator(queue);
	}

}
