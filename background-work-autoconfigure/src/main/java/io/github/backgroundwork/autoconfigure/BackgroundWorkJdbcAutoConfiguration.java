package io.github.backgroundwork.autoconfigure;

import java.util.Locale;

import javax.sql.DataSource;

import io.github.backgroundwork.durable.DurableWorkTracing;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.durable.StoredMdc;
import io.github.backgroundwork.jdbc.H2FileDurability;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.WorkTableVerifier;
import io.github.backgroundwork.jdbc.WorkTableVerifier.InvalidWorkTableException;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of the durable store of typed work, with
 * {@code background-work.store=jdbc}: the work table's schema, created the way Spring
 * Boot's own JDBC modules create theirs, the {@link JdbcWorkStore} on the application's
 * {@link DataSource}, ordered after the database's initialization, and the customizer
 * that keeps the typed work of every configured queue in it; with an
 * {@link ObservationRegistry}, a {@link DurableWorkTracing} that stores the enqueuing
 * trace context with each row and continues it on the instance that runs it. Startup
 * fails, naming what to do, if there is no single {@link DataSource} or the work table is
 * missing or incomplete ({@link WorkTableVerifier}); and, through
 * {@link BackgroundWorkJdbcRequirementsAutoConfiguration}, if a library it needs is
 * missing.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = BackgroundWorkAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ JdbcTemplate.class, DatabaseInitializationProperties.class, JsonMapper.class })
@ConditionalOnBooleanProperty(name = "background-work.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "background-work.store", havingValue = "jdbc")
@EnableConfigurationProperties(BackgroundWorkJdbcProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class BackgroundWorkJdbcAutoConfiguration {

	private static final Log logger = LogFactory.getLog(BackgroundWorkJdbcAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	BackgroundWorkDataSourceScriptDatabaseInitializer backgroundWorkDataSourceScriptDatabaseInitializer(
			ObjectProvider<DataSource> dataSource, BackgroundWorkJdbcProperties properties) {
		return new BackgroundWorkDataSourceScriptDatabaseInitializer(dataSource(dataSource), properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	JdbcWorkStore backgroundWorkStore(ObjectProvider<DataSource> dataSource, BackgroundWorkJdbcProperties properties,
			Environment environment) {
		DataSource source = dataSource(dataSource);
		for (String problem : H2FileDurability.problems(source, environment.getProperty("spring.datasource.url"))) {
			logger.warn("background-work.store=jdbc on " + environment.getProperty("spring.datasource.url") + ": "
					+ problem);
		}
		return JdbcWorkStore.builder(source).lease(properties.getLease()).build();
	}

	// Checks the table once the database is initialized, whoever built the store
	@Bean
	@DependsOnDatabaseInitialization
	NamedQueueCustomizer backgroundWorkJdbcStoreCustomizer(ObjectProvider<DataSource> dataSource, JdbcWorkStore store,
			ObjectProvider<JsonMapper> jsonMapper, BackgroundWorkJdbcProperties properties,
			ObjectProvider<DurableWorkTracing> tracing) {
		JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::shared);
		DataSource source = dataSource(dataSource);
		verifyTable(source, store.tableName(), properties);
		DurableWorkTracing traces = tracing.getIfUnique();
		StoredMdc mdc = StoredMdc.of(properties.getMdcKeys());
		// Innermost: the decorators of the application see the stored entries
		// Each queue stores and claims its own rows, under its bean name
		return (queueName, builder) -> builder.decorator(mdc)
			.durableWork(JdbcDurableWork.builder(source, store, mapper)
				.queue(queueName)
				.pollInterval(properties.getPollInterval())
				.retention(properties.getRetention().toWorkRetention())
				.tracing(traces)
				.mdc(mdc)
				.maxPayloadSize(properties.getMaxPayloadSize())
				.factory());
	}

	private static void verifyTable(DataSource dataSource, String tableName, BackgroundWorkJdbcProperties properties) {
		try {
			new WorkTableVerifier(dataSource, tableName).verify();
		}
		catch (InvalidWorkTableException ex) {
			throw new FailureAnalyzedException(ex.getMessage(),
					"Run " + ex.script()
							+ " on the database, or set background-work.jdbc.initialize-schema=always to have it run at"
							+ " each startup (it is safe to run again). initialize-schema is "
							+ properties.getInitializeSchema().name().toLowerCase(Locale.ROOT)
							+ " here; its default, embedded, creates the table only in an in-memory database: not in"
							+ " PostgreSQL, nor in an H2 file database.",
					ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DurableWorkTracing backgroundWorkDurableWorkTracing(ObservationRegistry registry,
				ObjectProvider<WorkNameTags> names) {
			return DurableWorkTracing.of(registry, names.getIfAvailable(BackgroundWorkAutoConfiguration::nameTags));
		}

	}

	private static DataSource dataSource(ObjectProvider<DataSource> dataSource) {
		DataSource available = dataSource.getIfUnique();
		if (available == null) {
			long count = dataSource.stream().count();
			throw new FailureAnalyzedException(
					"background-work.store=jdbc keeps typed work in the application's DataSource, but there is "
							+ ((count == 0) ? "no DataSource bean"
									: count + " DataSource beans and none of them is @Primary"),
					"Add spring-boot-starter-jdbc and your database's JDBC driver and set spring.datasource.url, or"
							+ " mark one DataSource @Primary, or set background-work.store=memory.");
		}
		return available;
	}

}
