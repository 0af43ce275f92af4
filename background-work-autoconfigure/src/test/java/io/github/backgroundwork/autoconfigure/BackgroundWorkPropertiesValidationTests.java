package io.github.backgroundwork.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that bad {@code background-work.*} values fail startup with the property and the
 * value named.
 */
class BackgroundWorkPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class));

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			concurrency                 | 0      | must be at least 1, was 0
			concurrency                 | -3     | must be at least 1, was -3
			queue.capacity              | -1     | must be at least 1, was -1
			queue.capacity              | 0      | must be at least 1, was 0
			queue.block-timeout         | -1s    | must not be negative, was PT-1S
			shutdown.drain-timeout      | -5s    | must not be negative, was PT-5S
			shutdown.cancellation-grace | -1ms   | must not be negative, was PT-0.001S
			history.size                | -1     | must be at least 0, was -1
			metrics.max-names           | 0      | must be at least 1, was 0
			""")
	void startupFailsOnBadValueWithThePropertyNamed(String property, String value, String reason) {
		this.contextRunner.withPropertyValues("background-work." + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("background-work." + property + " " + reason);
			assertThat(messages(context.getStartupFailure()))
				.contains("Failed to bind properties under 'background-work");
		});
	}

	@Test
	void startupFailsOnUnknownPolicyWithThePropertyAndValueNamed() {
		this.contextRunner.withPropertyValues("background-work.queue.when-full=drop-oldest").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure()))
				.contains("Failed to bind properties under 'background-work.queue.when-full'")
				.contains("drop-oldest");
		});
	}

	@Test
	void startupFailsOnBadDurationWithThePropertyNamed() {
		this.contextRunner.withPropertyValues("background-work.shutdown.drain-timeout=soon").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure()))
				.contains("Failed to bind properties under 'background-work.shutdown.drain-timeout'")
				.contains("soon");
		});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void startupFailsWhenVirtualThreadsAreAskedForBeforeJava21() {
		this.contextRunner.withPropertyValues("background-work.virtual-threads=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("background-work.virtual-threads=true needs Java 21 or later");
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsCanBeAskedForOnJava21() {
		this.contextRunner.withPropertyValues("background-work.virtual-threads=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
