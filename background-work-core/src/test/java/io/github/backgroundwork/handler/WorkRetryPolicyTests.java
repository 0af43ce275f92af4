package io.github.backgroundwork.handler;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WorkRetryPolicy}: how many retries, and the wait before each.
 */
class WorkRetryPolicyTests {

	@Test
	void delaysGrowByTheMultiplierUpToTheMaxDelay() {
		WorkRetryPolicy policy = WorkRetryPolicy.builder()
			.delay(Duration.ofSeconds(1))
			.multiplier(3)
			.maxDelay(Duration.ofSeconds(30))
			.jitter(Duration.ZERO)
			.build();
		assertThat(IntStream.rangeClosed(1, 6).mapToObj(policy::delayBeforeRetry)).containsExactly(
				Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(9), Duration.ofSeconds(27),
				Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	@Test
	void defaultsAreThreeRetriesFromOneSecondDoublingUpToFiveMinutes() {
		WorkRetryPolicy policy = WorkRetryPolicy.builder().jitter(Duration.ZERO).build();
		assertThat(policy.maxRetries()).isEqualTo(3);
		assertThat(policy.delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.delayBeforeRetry(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.delayBeforeRetry(9)).isEqualTo(Duration.ofSeconds(256));
		assertThat(policy.delayBeforeRetry(10)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void jitterStaysWithinItsBoundsAndGrowsWithTheMultiplier() {
		WorkRetryPolicy policy = WorkRetryPolicy.builder().build();
		for (int attempt = 1; attempt <= 10; attempt++) {
			long base = Math.min(1000L << (attempt - 1), 300_000);
			long jitter = 100 * (base / 1000);
			long lowest = Math.max(base - jitter, 1000);
			long highest = Math.min(base + jitter, 300_000);
			Set<Long> drawn = new HashSet<>();
			for (int i = 0; i < 200; i++) {
				long delay = policy.delayBeforeRetry(attempt).toMillis();
				assertThat(delay).as("retry %d", attempt).isBetween(lowest, highest);
				drawn.add(delay);
			}
			assertThat(drawn).as("distinct delays before retry %d", attempt).hasSizeGreaterThan(10);
		}
	}

	@Test
	void aLateRetryWaitsTheMaxDelayWithoutWorkingThroughEveryEarlierOne() {
		WorkRetryPolicy policy = WorkRetryPolicy.builder()
			.delay(Duration.ofMillis(10))
			.multiplier(1.5)
			.maxDelay(Duration.ofSeconds(2))
			.jitter(Duration.ZERO)
			.build();
		assertThat(policy.delayBeforeRetry(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void maxRetriesComeFromTheRequestElseTheHandlerElseThePolicy() {
		WorkRetryPolicy policy = WorkRetryPolicy.builder().maxRetries(3).build();
		WorkHandlers handlers = WorkHandlers.of(new Handlers());
		WorkRequest plain = WorkRequest.of("plain", "payload");
		WorkRequest asking = WorkRequest.builder("plain", "payload").maxRetries(7).build();
		assertThat(policy.maxRetriesFor(plain, handlers.get("plain"))).isEqualTo(3);
		assertThat(policy.maxRetriesFor(plain, handlers.get("persistent"))).isEqualTo(10);
		assertThat(policy.maxRetriesFor(asking, handlers.get("persistent"))).isEqualTo(7);
		assertThat(policy.maxRetriesFor(asking, handlers.get("plain"))).isEqualTo(7);
		assertThat(policy.maxRetriesFor(WorkRequest.builder("plain", "payload").maxRetries(0).build(),
				handlers.get("persistent")))
			.isZero();
	}

	@Test
	void badValuesAreRefusedWithTheArgumentNamed() {
		WorkRetryPolicy.Builder builder = WorkRetryPolicy.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxRetries(-1))
			.withMessage("maxRetries must not be negative, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.delay(Duration.ofSeconds(-1)))
			.withMessage("delay must not be negative, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.multiplier(0.5))
			.withMessage("multiplier must be at least 1, was 0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxDelay(Duration.ZERO))
			.withMessage("maxDelay must be positive, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.jitter(Duration.ofMillis(-5)))
			.withMessage("jitter must not be negative, was PT-0.005S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.build().delayBeforeRetry(0))
			.withMessage("attempt must be at least 1, was 0");
	}

	static class Handlers {

		@BackgroundWorkHandler("plain")
		void plain(String payload) {
		}

		@BackgroundWorkHandler(value = "persistent", maxRetries = 10)
		void persistent(String payload) {
		}

	}

}
