package io.github.backgroundwork.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration that fails startup when {@code background-work.store=jdbc} asks for
 * the durable store but a library it needs is missing.
 * {@link BackgroundWorkJdbcAutoConfiguration} is conditional on those classes: without
 * this check it would back off silently, and typed work would be kept in memory, lost at
 * the next restart, without a word.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = BackgroundWorkJdbcAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "background-work.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "background-work.store", havingValue = "jdbc")
public final class BackgroundWorkJdbcRequirementsAutoConfiguration {

	// A post-processor, so that the check runs before any bean is created, whatever
	// spring.main.lazy-initialization says
	@Bean
	static BeanFactoryPostProcessor backgroundWorkJdbcRequirements() {
		return BackgroundWorkJdbcRequirementsAutoConfiguration::check;
	}

	/**
	 * Fail if the durable store cannot be built with the bean factory's class loader.
	 * @throws FailureAnalyzedException naming the missing libraries and what to add
	 */
	static void check(ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		List<String> missing = new ArrayList<>();
		List<String> toAdd = new ArrayList<>();
		List<String> jdbcClasses = new ArrayList<>();
		if (!ClassUtils.isPresent("org.springframework.jdbc.core.JdbcTemplate", classLoader)) {
			jdbcClasses.add("org.springframework.jdbc.core.JdbcTemplate of spring-jdbc");
		}
		if (!ClassUtils.isPresent("org.springframework.boot.jdbc.init.DatabaseInitializationProperties", classLoader)) {
			jdbcClasses.add("org.springframework.boot.jdbc.init.DatabaseInitializationProperties of spring-boot-jdbc");
		}
		if (!jdbcClasses.isEmpty()) {
			missing.add("Spring's JDBC support to keep typed work in a database table ("
					+ String.join(" and ", jdbcClasses) + " is not on the classpath)");
			toAdd.add("spring-boot-starter-jdbc (org.springframework.boot:spring-boot-starter-jdbc) and your database's"
					+ " JDBC driver");
		}
		if (!ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", classLoader)) {
			missing.add("Jackson 3 to store payloads as JSON (tools.jackson.databind.json.JsonMapper is not on the"
					+ " classpath; an application without a web starter often has none)");
			toAdd.add("spring-boot-starter-jackson (org.springframework.boot:spring-boot-starter-jackson), or"
					+ " tools.jackson.core:jackson-databind");
		}
		if (!missing.isEmpty()) {
			throw new FailureAnalyzedException(
					"background-work.store=jdbc needs " + String.join(", and ", missing)
							+ ". Typed work would otherwise be kept in memory only, and lost at the next restart.",
					"Add " + String.join(", and ", toAdd)
							+ " to the application's dependencies, or set background-work.store=memory.");
		}
	}

}
