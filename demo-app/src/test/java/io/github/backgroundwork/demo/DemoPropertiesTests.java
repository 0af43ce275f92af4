package io.github.backgroundwork.demo;

import io.github.backgroundwork.demo.customers.CustomerProperties;
import io.github.backgroundwork.demo.mail.DemoMailProperties;
import io.github.backgroundwork.demo.pictures.PictureProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad values of the demo's own properties stop the startup with a message that names the
 * property.
 */
class DemoPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@ParameterizedTest
	@CsvSource({ "demo.customers.count=-1, 'demo.customers.count must be at least 0, but was -1'",
			"demo.mail.send-delay=-20ms, 'demo.mail.send-delay must not be negative, but was PT-0.02S'",
			"demo.pictures.max-size=0B, 'demo.pictures.max-size must be positive, but was 0B'" })
	void startupFailsNamingTheProperty(String property, String message) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessage(message));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ CustomerProperties.class, DemoMailProperties.class, PictureProperties.class })
	static class Properties {

	}

}
