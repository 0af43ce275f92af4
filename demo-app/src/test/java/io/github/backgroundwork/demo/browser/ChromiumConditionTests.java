package io.github.backgroundwork.demo.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Where the browser test finds Chromium, and what it does without.
 */
class ChromiumConditionTests {

	@TempDir
	private Path temp;

	@Test
	void browserAndDriverAreFoundOnThePath() throws IOException {
		Path empty = Files.createDirectory(this.temp.resolve("empty"));
		Path bin = Files.createDirectory(this.temp.resolve("bin"));
		Path browser = executable(bin.resolve("chromium"));
		Path driver = executable(bin.resolve("chromedriver"));
		assertThat(Chromium.find(Map.<String, String>of()::get, empty + File.pathSeparator + bin))
			.contains(new Chromium(browser, driver));
	}

	@Test
	void systemPropertiesWinOverThePath() throws IOException {
		Path bin = Files.createDirectory(this.temp.resolve("bin"));
		executable(bin.resolve("chromium"));
		executable(bin.resolve("chromedriver"));
		Path browser = executable(this.temp.resolve("google-chrome"));
		Path driver = executable(this.temp.resolve("driver"));
		Map<String, String> properties = Map.of(Chromium.BROWSER_PROPERTY, browser.toString(), Chromium.DRIVER_PROPERTY,
				driver.toString());
		assertThat(Chromium.find(properties::get, bin.toString())).contains(new Chromium(browser, driver));
	}

	@Test
	void browserWithoutItsDriverIsNotFound() throws IOException {
		Path bin = Files.createDirectory(this.temp.resolve("bin"));
		executable(bin.resolve("chromium"));
		Files.createFile(bin.resolve("chromedriver"));
		assertThat(Chromium.find(Map.<String, String>of()::get, bin.toString())).isEmpty();
	}

	@Test
	void testIsEnabledWhereChromiumIsFound() {
		Chromium chromium = new Chromium(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"));
		assertThat(ChromiumCondition.evaluate(Optional.of(chromium), true).isDisabled()).isFalse();
	}

	@Test
	void testIsSkippedWithHowToInstallWhereChromiumIsMissing() {
		assertThat(ChromiumCondition.evaluate(Optional.empty(), false).getReason())
			.hasValueSatisfying((reason) -> assertThat(reason).startsWith("Browser test skipped")
				.contains("apt-get install chromium chromium-driver"));
		assertThat(ChromiumCondition.evaluate(Optional.empty(), false).isDisabled()).isTrue();
	}

	@Test
	void testFailsWhereChromiumIsMissingButRequired() {
		assertThatIllegalStateException().isThrownBy(() -> ChromiumCondition.evaluate(Optional.empty(), true))
			.withMessageContaining("apt-get install chromium chromium-driver")
			.withMessageContaining("BACKGROUND_WORK_REQUIRE_BROWSER=true");
	}

	private static Path executable(Path file) throws IOException {
		return Files.createFile(file,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
	}

}
