package io.github.backgroundwork.jdbc;

import io.github.backgroundwork.autoconfigure.BackgroundWorkDataSourceScriptDatabaseInitializer;

import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Schema initialization properties with the bundled scripts' location, as the
 * auto-configuration binds them.
 */
final class InitializationProperties {

	private InitializationProperties() {
	}

	static DatabaseInitializationProperties of(DatabaseInitializationMode mode) {
		DatabaseInitializationProperties properties = new DatabaseInitializationProperties() {

			@Override
			public String getDefaultSchemaLocation() {
				return BackgroundWorkDataSourceScriptDatabaseInitializer.DEFAULT_SCHEMA_LOCATION;
			}

		};
		properties.setInitializeSchema(mode);
		return properties;
	}

}
