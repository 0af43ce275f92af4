package io.github.backgroundwork.autoconfigure;

import javax.sql.DataSource;

import io.github.backgroundwork.jdbc.WorkSchema;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * {@link DataSourceScriptDatabaseInitializer} that creates the work table, the way Spring
 * Boot's own JDBC modules create theirs: the script's location may hold
 * {@code @@platform@@} ({@link #DEFAULT_SCHEMA_LOCATION} does), resolved from the
 * database or from the properties' {@code platform}; the properties' {@code
 * initialize-schema} says when it runs. May be registered as a bean to override
 * auto-configuration; Boot orders the beans that depend on the database after it.
 *
 * @since 0.1.0
 */
public class BackgroundWorkDataSourceScriptDatabaseInitializer
		extends PropertiesBasedDataSourceScriptDatabaseInitializer<DatabaseInitializationProperties> {

	/**
	 * Location of the bundled schema scripts, one per platform: {@code postgresql} and
	 * {@code h2}. Each is safe to run again on a database that has the table.
	 */
	public static final String DEFAULT_SCHEMA_LOCATION = WorkSchema.LOCATION;

	/**
	 * Create an initializer.
	 * @param dataSource the data source the work table lives in
	 * @param properties the schema initialization properties, whose default schema
	 * location should be {@link #DEFAULT_SCHEMA_LOCATION}
	 */
	public BackgroundWorkDataSourceScriptDatabaseInitializer(DataSource dataSource,
			DatabaseInitializationProperties properties) {
		super(dataSource, properties);
	}

}
