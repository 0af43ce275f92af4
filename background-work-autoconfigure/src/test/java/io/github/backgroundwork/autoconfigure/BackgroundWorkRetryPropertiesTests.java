package io.github.backgroundwork.autoconfigure;

import java.time.Duration;

import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code background-work.retry.*} properties and the
 * {@link WorkRetryPolicy} built from them.
 */
class BackgroundWorkRetryPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class));

	@Test
	void retryPolicyHasTheDocumentedDefaults() {
		this.contextRunner.run((context) -> {
			BackgroundWorkRetryProperties retry = context.getBean(BackgroundWorkProperties.class).getRetry();
			assertThat(retry.getMaxRetries()).isEqualTo(3);
			assertThat(retry.getDelay()).isEqualTo(Duration.ofSeconds(1));
			assertThat(retry.getMultiplier()).isEqualTo(2);
			assertThat(retry.getMaxDelay()).isEqualTo(Duration.ofMinutes(5));
			assertThat(retry.getJitter()).isEqualTo(Duration.ofMillis(100));
			WorkRetryPolicy policy = context.getBean(WorkRetryPolicy.class);
			assertThat(policy.maxRetries()).isEqualTo(3);
			assertThat(policy.delayBeforeRetry(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1100));
		});
	}

	@Test
	void retryPolicyIsBuiltFromTheProperties() {
		this.contextRunner
			.withPropertyValues("background-work.retry.max-retries=6", "background-work.retry.delay=100ms",
					"background-work.retry.multiplier=3", "background-work.retry.max-delay=2s",
					"background-work.retry.jitter=0")
			.run((context) -> {
				WorkRetryPolicy policy = context.getBean(WorkRetryPolicy.class);
				assertThat(policy.maxRetries()).isEqualTo(6);
				assertThat(policy.delayBeforeRetry(1)).isEqualTo(Duration.ofMillis(100));
				assertThat(policy.delayBeforeRetry(2)).isEqualTo(Duration.ofMillis(300));
				assertThat(policy.delayBeforeRetry(3)).isEqualTo(Duration.ofMillis(900));
				assertThat(policy.delayBeforeRetry(4)).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void retryPolicyBacksOffWhenUserDefinesOne() {
		WorkRetryPolicy own = WorkRetryPolicy.builder().maxRetries(0).build();
		this.contextRunner.withBean(WorkRetryPolicy.class, () -> own)
			.run((context) -> assertThat(context).getBean(WorkRetryPolicy.class).isSameAs(own));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			retry.max-retries | -1    | must be at least 0, was -1
			retry.delay       | -1s   | must not be negative, was PT-1S
			retry.multiplier  | 0.5   | must be at least 1, was 0.5
			retry.max-delay   | 0s    | must be positive, was PT0S
			retry.max-delay   | -2m   | must be positive, was PT-2M
			retry.jitter      | -10ms | must not be negative, was PT-0.01S
			""")
	void startupFailsOnBadValueWithThePropertyNamed(String property, String value, String reason) {
		this.contextRunner.withPropertyValues("background-work." + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("background-work." + property + " " + reason);
		});
	}

}
