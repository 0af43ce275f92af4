package io.github.backgroundwork.jdbc;

/**
 * Where the bundled schema scripts of the work table are, for whatever creates the
 * schema: Spring Boot's script initializer (the auto-configuration), a migration tool, or
 * a test.
 *
 * @since 0.1.0
 */
public final class WorkSchema {

	/**
	 * Location of the bundled schema scripts, one per platform ({@code postgresql} and
	 * {@code h2}), with {@code @@platform@@} in place of the platform, as Spring Boot's
	 * script initializers resolve it. Each script is safe to run again on a database that
	 * has the tables.
	 */
	public static final String LOCATION = "classpath:io/github/backgroundwork/jdbc/schema-@@platform@@.sql";

	private WorkSchema() {
	}

	/**
	 * The location of one platform's script.
	 * @param platform {@code postgresql} or {@code h2}
	 * @return the script's location
	 */
	public static String location(String platform) {
		return LOCATION.replace("@@platform@@", platform);
	}

}
