package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.BackgroundWorkEndpointWebExtension;
import io.github.backgroundwork.actuate.DurableWorkDescriber;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackgroundWorkEndpointAutoConfiguration}.
 */
class BackgroundWorkEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
				BackgroundWorkEndpointAutoConfiguration.class));

	@Test
	void endpointIsAutoConfiguredWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork")
			.run((context) -> assertThat(context).hasSingleBean(BackgroundWorkEndpoint.class));
	}

	@Test
	void endpointShowsNoDurableSectionWhenTypedWorkIsKeptInMemory() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DurableWorkDescriber.class);
				assertThat(context.getBean(BackgroundWorkEndpoint.class).queues(null, null, null, null, null).durable())
					.isNull();
			});
	}

	@Test
	void endpointIsAutoConfiguredWithoutSpringJdbc() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork")
			.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
			.run((context) -> assertThat(context).hasSingleBean(BackgroundWorkEndpoint.class)
				.doesNotHaveBean(DurableWorkDescriber.class));
	}

	@Test
	void endpointIsAutoConfiguredWhenExposedOverJmx() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=backgroundwork")
			.run((context) -> assertThat(context).hasSingleBean(BackgroundWorkEndpoint.class)
				.doesNotHaveBean(BackgroundWorkEndpointWebExtension.class));
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(BackgroundWorkEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenAccessIsNone() {
		// As in an application, 'none' converts to Access.NONE
		this.contextRunner
			.withInitializer(
					(context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
			.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork",
					"management.endpoint.backgroundwork.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundWorkEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutAQueue() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork",
					"background-work.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundWorkQueue.class)
				.doesNotHaveBean(BackgroundWorkEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutTheActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(BackgroundWorkQueue.class)
				.doesNotHaveBean(BackgroundWorkEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenUserDefinesOne() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(BackgroundWorkEndpoint.class)
				.getBean(BackgroundWorkEndpoint.class)
				.isSameAs(context.getBean(UserEndpointConfiguration.class).endpoint));
	}

	@Test
	void webExtensionIsAutoConfiguredWhenExposedOverHttp() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork")
			.run((context) -> assertThat(context).hasSingleBean(BackgroundWorkEndpointWebExtension.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		private BackgroundWorkEndpoint endpoint;

		@Bean
		BackgroundWorkEndpoint userEndpoint(BackgroundWorkQueue queue) {
			this.endpoint = new BackgroundWorkEndpoint(queue);
			return this.endpoint;
		}

	}

}
