package io.github.backgroundwork.autoconfigure;

import java.util.Map;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.BackgroundWorkEndpointWebExtension;
import io.github.backgroundwork.actuate.DurableWorkDescriber;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.recurring.RecurringScheduler;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of the {@link BackgroundWorkEndpoint} of every
 * {@link BackgroundWorkQueue} bean: present when the actuator is, and exposed like every
 * endpoint only where {@code management.endpoints.<technology>.exposure.include} lists
 * {@code backgroundwork}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { BackgroundWorkAutoConfiguration.class, BackgroundWorkJdbcAutoConfiguration.class,
		BackgroundWorkRecurringAutoConfiguration.class })
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnAvailableEndpoint(BackgroundWorkEndpoint.class)
public final class BackgroundWorkEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(BackgroundWorkQueue.class)
	@ConditionalOnMissingBean
	BackgroundWorkEndpoint backgroundWorkEndpoint(Map<String, BackgroundWorkQueue> queues,
			ObjectProvider<DurableWorkDescriber> durable, ObjectProvider<RecurringScheduler> recurring) {
		return new BackgroundWorkEndpoint(queues, durable.getIfAvailable(), recurring.getIfUnique());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	static class DurableWorkDescriberConfiguration {

		@Bean
		@ConditionalOnBean(JdbcWorkStore.class)
		@ConditionalOnMissingBean
		DurableWorkDescriber backgroundWorkDurableWorkDescriber(JdbcWorkStore store) {
			return new DurableWorkDescriber(store.reader());
		}

	}

	@Bean
	@ConditionalOnBean(BackgroundWorkEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	BackgroundWorkEndpointWebExtension backgroundWorkEndpointWebExtension(BackgroundWorkEndpoint endpoint) {
		return new BackgroundWorkEndpointWebExtension(endpoint);
	}

}
