package io.github.backgroundwork.autoconfigure;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that a durable store that cannot work stops a real application at startup with
 * Spring Boot's failure analysis: what is wrong, then what to do.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalysisTests {

	@Test
	void aMissingTableIsReportedWithTheScriptAndTheProperty(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(
				() -> application.run("--background-work.store=jdbc", "--background-work.jdbc.initialize-schema=never",
						"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The work table background_work of durable background work does not exist")
			.contains("Run classpath:io/github/backgroundwork/jdbc/schema-h2.sql on the database, or set"
					+ " background-work.jdbc.initialize-schema=always");
	}

	@Test
	void missingJacksonIsReportedWithWhatToAdd(CapturedOutput output) {
		SpringApplication application = new SpringApplication(
				new DefaultResourceLoader(new FilteredClassLoader(JsonMapper.class)), TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--background-work.store=jdbc",
				"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("background-work.store=jdbc needs Jackson 3 to store payloads as JSON")
			.contains("Add spring-boot-starter-jackson (org.springframework.boot:spring-boot-starter-jackson), or"
					+ " tools.jackson.core:jackson-databind");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
