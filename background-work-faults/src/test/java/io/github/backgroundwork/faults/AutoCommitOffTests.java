package io.github.backgroundwork.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances whose pool hands out connections with auto-commit off
 * ({@code spring.datasource.hikari.auto-commit=false}): every item runs exactly once.
 */
class AutoCommitOffTests extends AbstractFaultTests {

	private static final Map<String, String> AUTO_COMMIT_OFF = Map.of("spring.datasource.hikari.auto-commit", "false");

	@Test
	void everyItemRunsOnceWithAutoCommitOff() throws Exception {
		int items = FaultSize.pick(200, 2000);
		List<Outcome> outcomes = repeat("autoCommitOff", (run) -> {
			Instance a = run.start("A", Map.of("faults.work", "10", "faults.enqueue", String.valueOf(items)),
					AUTO_COMMIT_OFF);
			Instance b = run.start("B", Map.of("faults.work", "10"), AUTO_COMMIT_OFF);
			run.awaitReady(a, b);
			return finish(run, items, Duration.ofSeconds(FaultSize.pick(60, 120)), 0, "");
		});
		assertPromises(outcomes, 2, 0, 0);
		assertThat(outcomes).allSatisfy((outcome) -> {
			assertThat(outcome.tally().stored()).as("items stored: %s", outcome.notes())
				.isEqualTo(outcome.tally().items());
			assertThat(outcome.tally().runs()).as("runs: %s", outcome.notes()).isEqualTo(outcome.tally().items());
		});
	}

}
