package io.github.backgroundwork.autoconfigure;

import javax.sql.DataSource;

import io.github.backgroundwork.durable.DurableWorkTracing;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.jdbc.BackgroundWorkDataSourceScriptDatabaseInitializer;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of the durable store of typed work, with
 * {@code background-work.store=jdbc}: the work table's schema, created the way Spring
 * Boot's own JDBC modules create theirs, the {@link JdbcWorkStore} on the application's
 * {@link DataSource}, ordered after the database's initialization, and the customizer
 * that keeps the typed work of every configured queue in it; with an
 * {@link ObservationRegistry}, a {@link DurableWorkTracing} that stores the enqueuing
 * trace context with each row and continues it on the instance that runs it.
 *
 * @since 0.2.0
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

	@Bean
	@ConditionalOnMissingBean
	BackgroundWorkDataSourceScriptDatabaseInitializer backgroundWorkDataSourceScriptDatabaseInitializer(
			ObjectProvider<DataSource> dataSource, BackgroundWorkJdbcProperties properties) {
		return new BackgroundWorkDataSourceScriptDatabaseInitializer(dataSource(dataSource), properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	JdbcWorkStore backgroundWorkStore(ObjectProvider<DataSource> dataSource, BackgroundWorkJdbcProperties properties) {
		return JdbcWorkStore.builder(dataSource(dataSource)).lease(properties.getLease()).build();
	}

	@Bean
	BackgroundWorkQueueCustomizer backgroundWorkJdbcStoreCustomizer(ObjectProvider<DataSource> dataSource,
			JdbcWorkStore store, ObjectProvider<JsonMapper> jsonMapper, BackgroundWorkJdbcProperties properties,
			ObjectProvider<DurableWorkTracing> tracing) {
		JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::shared);
		DataSource source = dataSource(dataSource);
		DurableWorkTracing traces = tracing.getIfUnique();
		return (builder) -> builder.durableWork(JdbcDurableWork.factory(source, store, mapper,
				properties.getPollInterval(), properties.getRetention(), traces));
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
			throw new IllegalStateException("background-work.store=jdbc keeps typed work in the application's"
					+ " DataSource, but there is no single DataSource bean: add spring-boot-starter-jdbc and a JDBC"
					+ " driver, or set background-work.store=memory");
		}
		return available;
	}

}
