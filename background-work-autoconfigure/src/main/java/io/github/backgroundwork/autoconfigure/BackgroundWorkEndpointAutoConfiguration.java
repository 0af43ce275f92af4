package io.github.backgroundwork.autoconfigure;

import java.util.Map;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.BackgroundWorkEndpointWebExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link BackgroundWorkEndpoint} of every
 * {@link BackgroundWorkQueue} bean: present when the actuator is, and exposed like every
 * endpoint only where {@code management.endpoints.<technology>.exposure.include} lists
 * {@code backgroundwork}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BackgroundWorkAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnAvailableEndpoint(BackgroundWorkEndpoint.class)
public final class BackgroundWorkEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(BackgroundWorkQueue.class)
	@ConditionalOnMissingBean
	BackgroundWorkEndpoint backgroundWorkEndpoint(Map<String, BackgroundWorkQueue> queues) {
		return new BackgroundWorkEndpoint(queues);
	}

	@Bean
	@ConditionalOnBean(BackgroundWorkEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	BackgroundWorkEndpointWebExtension backgroundWorkEndpointWebExtension(BackgroundWorkEndpoint endpoint) {
		return new BackgroundWorkEndpointWebExtension(endpoint);
	}

}
