package io.github.backgroundwork.autoconfigure;

import java.util.UUID;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code background-work.store=jdbc} fails startup, naming what to add, when
 * the durable store cannot be built, instead of keeping typed work in memory.
 */
class BackgroundWorkJdbcRequirementsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(BackgroundWorkAutoConfiguration.class, BackgroundWorkJdbcAutoConfiguration.class,
						BackgroundWorkJdbcRequirementsAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"spring.datasource.generate-unique-name=false");

	@Test
	void startupFailsWhenJdbcStoreHasNoJackson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.withPropertyValues("background-work.store=jdbc")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).startsWith("background-work.store=jdbc needs Jackson 3")
					.contains("tools.jackson.databind.json.JsonMapper")
					.contains("kept in memory only");
				assertThat(analysis.getAction()).contains("spring-boot-starter-jackson")
					.contains("tools.jackson.core:jackson-databind")
					.contains("background-work.store=memory")
					.doesNotContain("spring-boot-starter-jdbc");
			});
	}

	@Test
	void startupFailsWhenJdbcStoreHasNoSpringJdbc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
			.withPropertyValues("background-work.store=jdbc")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("Spring's JDBC support")
					.contains("org.springframework.jdbc.core.JdbcTemplate of spring-jdbc")
					.doesNotContain("Jackson");
				assertThat(analysis.getAction())
					.contains("spring-boot-starter-jdbc (org.springframework.boot:spring-boot-starter-jdbc)")
					.contains("JDBC driver");
			});
	}

	@Test
	void startupFailsNamingEveryMissingLibrary() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.jdbc", "org.springframework.boot.jdbc",
					"tools.jackson"))
			.withPropertyValues("background-work.store=jdbc")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("spring-jdbc")
					.contains("spring-boot-jdbc")
					.contains("Jackson 3");
				assertThat(analysis.getAction()).contains("spring-boot-starter-jdbc")
					.contains("spring-boot-starter-jackson");
			});
	}

	@Test
	void startupFailsWhenJdbcStoreHasNoDataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkJdbcAutoConfiguration.class, BackgroundWorkJdbcRequirementsAutoConfiguration.class))
			.withPropertyValues("background-work.store=jdbc")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("background-work.store=jdbc")
					.contains("no DataSource bean");
				assertThat(analysis.getAction()).contains("spring-boot-starter-jdbc")
					.contains("spring.datasource.url")
					.contains("background-work.store=memory");
			});
	}

	@Test
	void memoryStoreNeedsNeitherJdbcNorJackson() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.jdbc", "org.springframework.boot.jdbc",
					"tools.jackson"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(BackgroundWorkQueue.class)
				.doesNotHaveBean(JdbcWorkStore.class));
	}

	@Test
	void jdbcStoreStartsWhenEverythingIsThere() {
		this.contextRunner.withPropertyValues("background-work.store=jdbc")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcWorkStore.class));
	}

	/**
	 * Return the analysis Spring Boot prints of a failed startup.
	 */
	static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof FailureAnalyzedException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("an analyzed cause of %s", context.getStartupFailure()).isNotNull();
		return ((FailureAnalyzedException) failure).analysis();
	}

}
