package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.durable.DurableWorkTracing;
import io.github.backgroundwork.autoconfigure.BackgroundWorkDataSourceScriptDatabaseInitializer;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BackgroundWorkJdbcAutoConfiguration}.
 */
class BackgroundWorkJdbcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(BackgroundWorkAutoConfiguration.class, BackgroundWorkJdbcAutoConfiguration.class));

	private ApplicationContextRunner withDatabase() {
		return this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"spring.datasource.generate-unique-name=false");
	}

	@Test
	void typedWorkStaysInMemoryByDefault() {
		withDatabase().run((context) -> {
			assertThat(context).doesNotHaveBean(JdbcWorkStore.class);
			assertThat(context.getBean(BackgroundWorkProperties.class).getStore())
				.isEqualTo(BackgroundWorkProperties.Store.MEMORY);
		});
	}

	@Test
	void startupFailsWhenStoreIsJdbcWithoutDataSource() {
		this.contextRunner.withPropertyValues("background-work.store=jdbc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("background-work.store=jdbc")
				.hasMessageContaining("DataSource");
		});
	}

	@Test
	void jdbcPropertiesHaveTheDocumentedDefaults() {
		withDatabase().withPropertyValues("background-work.store=jdbc").run((context) -> {
			BackgroundWorkJdbcProperties properties = context.getBean(BackgroundWorkJdbcProperties.class);
			assertThat(properties.getPollInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.getLease()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getRetention().getSucceeded()).isEqualTo(Duration.ofDays(1));
			assertThat(properties.getRetention().getCancelled()).isEqualTo(Duration.ofDays(7));
			assertThat(properties.getRetention().getFailed()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.getInitializeSchema()).isEqualTo(DatabaseInitializationMode.EMBEDDED);
			assertThat(context).hasSingleBean(BackgroundWorkDataSourceScriptDatabaseInitializer.class);
			assertThat(context.getBean(JdbcWorkStore.class).lease()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void schemaIsNotCreatedWhenInitializeSchemaIsNever() {
		// Startup then fails on the missing table (see WorkTableVerifier's tests)
		withDatabase().withPropertyValues("background-work.store=jdbc", "background-work.jdbc.initialize-schema=never")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("The work table background_work of durable background work does not exist"));
	}

	@Test
	void typedWorkIsStoredAndRunWhenStoreIsJdbc() {
		withDatabase()
			.withConfiguration(AutoConfigurations
				.of(org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("background-work.store=jdbc", "background-work.jdbc.poll-interval=100ms")
			.withBean(Greeter.class)
			.run((context) -> {
				WorkHandle handle = context.getBean(BackgroundWorkQueue.class)
					.enqueue(WorkRequest.of("greet", new Greeting("world")));
				await().atMost(Duration.ofSeconds(10)).until(() -> handle.state() == WorkState.SUCCEEDED);
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT state FROM background_work WHERE id = ?", String.class, handle.id()))
					.isEqualTo("SUCCEEDED");
			});
	}

	@Test
	void durableWorkCarriesTracesWhenThereIsAnObservationRegistry() {
		withDatabase().withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues("background-work.store=jdbc")
			.run((context) -> assertThat(context).hasSingleBean(DurableWorkTracing.class));
	}

	@Test
	void durableWorkCarriesNoTracesWithoutAnObservationRegistry() {
		withDatabase().withPropertyValues("background-work.store=jdbc")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableWorkTracing.class));
		withDatabase().withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.withPropertyValues("background-work.store=jdbc")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableWorkTracing.class));
	}

	/**
	 * A payload.
	 *
	 * @param to whom to greet
	 */
	public record Greeting(String to) {
	}

	static class Greeter {

		@BackgroundWorkHandler("greet")
		void greet(Greeting greeting) {
		}

	}

	@Test
	void storedWorkRunsOnAHandlerBeanCreatedAfterTheQueue() {
		withDatabase().withPropertyValues("background-work.store=jdbc")
			.withUserConfiguration(LateHandlerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
				WorkHandle handle = queue.enqueue(WorkRequest.of("late", "hello"));
				LateHandler handler = context.getBean(LateHandler.class);
				assertThat(handler.ran.await(10, TimeUnit.SECONDS)).as("the stored item ran").isTrue();
				await().atMost(Duration.ofSeconds(10)).until(() -> handle.state() == WorkState.SUCCEEDED);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class LateHandlerConfiguration {

		// Created after the queue, which it needs: its handler is registered late
		@Bean
		LateHandler lateHandler(BackgroundWorkQueue queue) {
			return new LateHandler();
		}

	}

	static class LateHandler {

		final CountDownLatch ran = new CountDownLatch(1);

		@BackgroundWorkHandler("late")
		void handle(String payload) {
			this.ran.countDown();
		}

	}

}
