package io.github.backgroundwork.autoconfigure;

import java.nio.file.Path;

import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code store=jdbc} on an H2 file database, the store warns at startup of the URL
 * settings that would break its promises, and says nothing of a URL that keeps them.
 */
@ExtendWith(OutputCaptureExtension.class)
class H2FileWarningTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				BackgroundWorkAutoConfiguration.class, BackgroundWorkJdbcAutoConfiguration.class))
		.withPropertyValues("background-work.store=jdbc", "background-work.jdbc.initialize-schema=always",
				"spring.datasource.generate-unique-name=false");

	@TempDir
	Path directory;

	@Test
	void fileDatabaseThatCanLoseOutcomesIsWarnedOfAtStartup(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("defaults"))
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcWorkStore.class);
				assertThat(output).contains("WARN")
					.contains("add ;DB_CLOSE_ON_EXIT=FALSE to the URL")
					.contains("add ;WRITE_DELAY=0 to")
					.contains("background-work.store=jdbc on jdbc:h2:file:");
			});
	}

	@Test
	void fileDatabaseThatKeepsItsWordIsNotWarnedOf(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("durable")
					+ ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0")
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcWorkStore.class);
				assertThat(output).doesNotContain("DB_CLOSE_ON_EXIT").doesNotContain("WRITE_DELAY");
			});
	}

}
