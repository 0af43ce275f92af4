package io.github.backgroundwork.console.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A Chromium browser and its ChromeDriver, found on this machine: at the paths the
 * {@value #BROWSER_PROPERTY} and {@value #DRIVER_PROPERTY} system properties give, or
 * else on the {@code PATH}.
 *
 * @param browser the browser's executable
 * @param driver the driver's executable
 */
public record Chromium(Path browser, Path driver) {

	/**
	 * System property with the path of the browser's executable.
	 */
	public static final String BROWSER_PROPERTY = "chromium.binary";

	/**
	 * System property with the path of the driver's executable.
	 */
	public static final String DRIVER_PROPERTY = "chromedriver.path";

	/**
	 * How to make the browser test run, for the messages that say it cannot.
	 */
	public static final String HOW_TO_INSTALL = "install them (Debian: apt-get install chromium chromium-driver) "
			+ "or point -D" + BROWSER_PROPERTY + " and -D" + DRIVER_PROPERTY + " at them";

	private static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser", "google-chrome",
			"google-chrome-stable");

	private static final List<String> DRIVER_NAMES = List.of("chromedriver");

	/**
	 * Find Chromium and ChromeDriver from this JVM's system properties and {@code PATH}.
	 * @return both, or empty if either is missing
	 */
	public static Optional<Chromium> find() {
		return find(System::getProperty, System.getenv("PATH"));
	}

	/**
	 * Find Chromium and ChromeDriver.
	 * @param systemProperties the system properties to read
	 * @param searchPath the directories to search, as in the {@code PATH} variable
	 * @return both, or empty if either is missing
	 */
	static Optional<Chromium> find(UnaryOperator<@Nullable String> systemProperties, @Nullable String searchPath) {
		Optional<Path> browser = executable(systemProperties.apply(BROWSER_PROPERTY), BROWSER_NAMES, searchPath);
		Optional<Path> driver = executable(systemProperties.apply(DRIVER_PROPERTY), DRIVER_NAMES, searchPath);
		return browser.flatMap((b) -> driver.map((d) -> new Chromium(b, d)));
	}

	/**
	 * Describe what was looked for, for the messages that say it was not found.
	 * @return the description
	 */
	public static String notFound() {
		StringBuilder where = new StringBuilder();
		for (String property : List.of(BROWSER_PROPERTY, DRIVER_PROPERTY)) {
			String configured = System.getProperty(property);
			if (configured != null && !configured.isBlank()) {
				where.append("-D").append(property).append('=').append(configured).append(" is not executable; ");
			}
		}
		return "Chromium and ChromeDriver not found (" + where + "looked for " + String.join(", ", BROWSER_NAMES)
				+ " and " + String.join(", ", DRIVER_NAMES) + " on the PATH): " + HOW_TO_INSTALL;
	}

	private static Optional<Path> executable(@Nullable String configured, List<String> names,
			@Nullable String searchPath) {
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		if (searchPath == null) {
			return Optional.empty();
		}
		for (String name : names) {
			for (String directory : searchPath.split(File.pathSeparator)) {
				if (!directory.isEmpty()) {
					Path candidate = Path.of(directory, name);
					if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
						return Optional.of(candidate);
					}
				}
			}
		}
		return Optional.empty();
	}

}
