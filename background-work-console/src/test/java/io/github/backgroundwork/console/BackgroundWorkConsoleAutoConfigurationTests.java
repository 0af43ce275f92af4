package io.github.backgroundwork.console;

import io.github.backgroundwork.autoconfigure.BackgroundWorkAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the console is served: only when enabled, only in a servlet web application, with
 * a path that is one.
 */
class BackgroundWorkConsoleAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(BackgroundWorkAutoConfiguration.class, BackgroundWorkConsoleAutoConfiguration.class));

	@Test
	void consoleIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsoleApi.class));
	}

	@Test
	void consoleIsServedWhenEnabled() {
		this.contextRunner.withPropertyValues("background-work.console.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ConsoleApi.class)
				.hasSingleBean(ThroughputHistory.class)
				.hasBean("backgroundWorkConsoleLoopbackGuard"));
	}

	@Test
	void consoleIsNotServedOutsideAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkConsoleAutoConfiguration.class))
			.withPropertyValues("background-work.console.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsoleApi.class));
	}

	@Test
	void startupFailsNamingAPathThatIsNotOne() {
		for (String path : new String[] { "background-work", "/", "/ops/", "/ops/*", "/a b" }) {
			this.contextRunner
				.withPropertyValues("background-work.console.enabled=true", "background-work.console.path=" + path)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("background-work.console.path must start with '/'")
					.hasMessageContaining("was '" + path + "'"));
		}
	}

}
