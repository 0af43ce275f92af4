package io.github.backgroundwork.examples.export;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExportApplication} as {@code main} runs it, without the exit: when {@code run}
 * returns, every export has ended, the failed one included.
 */
class ExportApplicationTests {

	@Test
	void theApplicationReturnsOnlyOnceEveryExportHasEnded() {
		SpringApplication application = new SpringApplication(ExportApplication.class);
		try (ConfigurableApplicationContext context = application.run("--spring.main.web-application-type=none",
				// This module's other examples bring JDBC, Flyway and Liquibase: not
				// wanted here
				"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")) {
			assertThat(context.getBean(Exporter.class).exported).containsExactlyInAnyOrder("north", "south", "west");
		}
	}

}
