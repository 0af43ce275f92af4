package io.github.backgroundwork.jdbc;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link H2FileDurability}.
 */
class H2FileDurabilityTests {

	@TempDir
	Path directory;

	@Test
	void fileDatabaseWithH2DefaultsIsReportedOnBothCounts() {
		String url = "jdbc:h2:file:" + this.directory.resolve("defaults") + ";AUTO_SERVER=FALSE";
		assertThat(H2FileDurability.problems(dataSource(url), url)).satisfiesExactly(
				(closing) -> assertThat(closing).contains("DB_CLOSE_ON_EXIT=FALSE"),
				(delay) -> assertThat(delay).contains("WRITE_DELAY=0").contains("kill -9"));
	}

	@Test
	void fileDatabaseThatKeepsItsWordIsNotReported() {
		String url = "jdbc:h2:file:" + this.directory.resolve("durable") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
		assertThat(H2FileDurability.problems(dataSource(url), url)).isEmpty();
	}

	@Test
	void inMemoryAndOtherDatabasesAreLeftAlone() {
		String url = "jdbc:h2:mem:durability;DB_CLOSE_DELAY=-1";
		assertThat(H2FileDurability.problems(dataSource(url), url)).isEmpty();
		assertThat(H2FileDurability.isH2File("jdbc:postgresql://localhost/app")).isFalse();
		assertThat(H2FileDurability.isH2File("jdbc:h2:tcp://localhost/~/app")).isFalse();
		assertThat(H2FileDurability.isH2File("jdbc:h2:~/app")).isTrue();
	}

	private static JdbcDataSource dataSource(String url) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(url);
		return dataSource;
	}

}
