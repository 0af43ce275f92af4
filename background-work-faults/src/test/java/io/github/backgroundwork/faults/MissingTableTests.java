package io.github.backgroundwork.faults;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance started on a database without the work table
 * ({@code background-work.jdbc.initialize-schema=never}) fails fast: it exits with a
 * non-zero code within seconds, with a message naming the table, rather than running on
 * and logging a failure at every poll.
 */
class MissingTableTests extends AbstractFaultTests {

	@Test
	void startupWithoutTheTableFailsFast() throws Exception {
		// 30 s in both sizes: a flooding child writes hundreds of thousands of lines
		// meanwhile
		long patience = 30;
		List<Outcome> outcomes = repeat("missingTable", new Scenario() {

			@Override
			public Outcome run(FaultRun run) {
				Instance instance = run.start("A", Map.of(), Map.of());
				boolean exited = instance.waitFor(patience);
				double seconds = instance.secondsSinceStart();
				Instance.LogCount logs = instance.logCount();
				boolean named = instance.output().contains("background_work");
				String exit = exited ? "exit " + instance.exitValue() : "still running, killed";
				return new Outcome(tallyOrEmpty(run, 0), exited && instance.exitValue() != 0, 1,
						String.format(Locale.ROOT, "%s after %.1f s; message names the table: %s; %d log lines", exit,
								seconds, named, logs.lines()));
			}

			@Override
			public boolean workTable() {
				return false;
			}

		});
		assertThat(outcomes).allSatisfy((outcome) -> {
			assertThat(outcome.ended()).as("exited with a non-zero code: %s", outcome.notes()).isTrue();
			assertThat(outcome.notes()).as("names the table").contains("names the table: true");
			assertThat(outcome.tally().logs().all()).as("WARN/ERROR events: %s", outcome.notes())
				.isLessThanOrEqualTo(5);
		});
	}

}
