package io.github.backgroundwork.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario of the fault suite: its own PostgreSQL for the class, and
 * {@link #repeat(String, Scenario)} to run it {@link FaultSize#repetitions()} times, each
 * on fresh databases, adding each repetition's figures to the {@link FaultReport} before
 * anything is asserted.
 */
abstract class AbstractFaultTests {

	private static @Nullable FaultDatabase database;

	private static @Nullable Path directory;

	@BeforeAll
	static void startDatabase(org.junit.jupiter.api.TestInfo info) {
		directory = Path.of("target", "faults", info.getTestClass().orElseThrow().getSimpleName());
		database = FaultDatabase.start(directory);
	}

	@AfterAll
	static void stopDatabase() {
		if (database != null) {
			database.close();
			database = null;
		}
	}

	/**
	 * Run a scenario once per repetition and report each one's figures.
	 * @param scenario the scenario's name in the report
	 * @param body one repetition
	 * @return each repetition's outcome
	 */
	static List<Outcome> repeat(String scenario, Scenario body) throws Exception {
		List<Outcome> outcomes = new ArrayList<>();
		for (int repetition = 1; repetition <= FaultSize.repetitions(); repetition++) {
			try (FaultRun run = FaultRun.start(requireDatabase(), directory, repetition, body.workTable())) {
				Outcome outcome;
				try {
					outcome = body.run(run);
				}
				catch (Exception | AssertionError ex) {
					// Still report what was counted, then fail
					run.stopAll();
					FaultReport.add(scenario, repetition, tallyOrEmpty(run, 0), run.seconds(),
							"scenario failed: " + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
					throw ex;
				}
				FaultReport.add(scenario, repetition, outcome.tally(), run.seconds(), outcome.notes());
				outcomes.add(outcome);
			}
		}
		return outcomes;
	}

	/**
	 * Wait for the items to end, stop the instances gracefully and count.
	 * @param run the repetition
	 * @param items how many items were enqueued
	 * @param deadline how long to wait for them at most
	 * @param faults how many faults were injected
	 * @param notes what the scenario measured
	 * @return the outcome
	 */
	static Outcome finish(FaultRun run, int items, Duration deadline, int faults, String notes) {
		boolean ended = run.awaitEnded(deadline);
		run.stopAll();
		Tally tally = run.tally(items);
		String all = notes + (notes.isEmpty() ? "" : "; ") + "stored " + tally.stored() + ", states " + tally.states()
				+ (ended ? "" : "; NOT ENDED within " + deadline.toSeconds() + " s");
		return new Outcome(tally, ended, faults, all);
	}

	/**
	 * Run an action after a delay, on a scheduler: the pace of a fault, not
	 * synchronisation.
	 * @param delay the delay
	 * @param action the action
	 */
	static void after(Duration delay, Runnable action) throws Exception {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		try {
			scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS).get();
		}
		finally {
			scheduler.shutdownNow();
		}
	}

	/**
	 * Check the promises on every repetition: each item ended, none lost, at most
	 * {@code duplicatesPerFault} duplicates and {@code warningsPerFault} WARN or ERROR
	 * events of the library per fault and instance.
	 * @param outcomes the repetitions
	 * @param instances how many instances ran at once
	 * @param duplicatesPerFault duplicates each fault may cause
	 * @param warningsPerFault library WARN/ERROR events each fault may cause per instance
	 */
	static void assertPromises(List<Outcome> outcomes, int instances, int duplicatesPerFault, int warningsPerFault) {
		assertThat(outcomes).allSatisfy((outcome) -> {
			assertThat(outcome.ended()).as("every item ended: %s", outcome.notes()).isTrue();
			assertThat(outcome.tally().lost()).as("lost items: %s", outcome.notes()).isZero();
			assertThat(outcome.tally().duplicates()).as("duplicates: %s", outcome.notes())
				.isLessThanOrEqualTo(duplicatesPerFault * outcome.faults());
			assertThat(outcome.tally().logs().library()).as("library WARN/ERROR events: %s", outcome.notes())
				.isLessThanOrEqualTo((long) warningsPerFault * outcome.faults() * instances);
		});
	}

	/**
	 * Count what can be counted: the logs alone when the work table is not there.
	 * @param run the repetition
	 * @param enqueued how many items were enqueued
	 * @return the figures
	 */
	static Tally tallyOrEmpty(FaultRun run, int enqueued) {
		try {
			return run.tally(enqueued);
		}
		catch (RuntimeException ex) {
			return new Tally(enqueued, 0, 0, 0, enqueued, Set.of(), Map.of(), Map.of(), 0, run.logCount());
		}
	}

	private static FaultDatabase requireDatabase() {
		if (database == null) {
			throw new IllegalStateException("No database");
		}
		return database;
	}

	/**
	 * One repetition of a scenario.
	 */
	interface Scenario {

		Outcome run(FaultRun run) throws Exception;

		default boolean workTable() {
			return true;
		}

	}

	/**
	 * What one repetition counted.
	 *
	 * @param tally the figures
	 * @param ended whether every item ended before the deadline
	 * @param faults how many faults were injected
	 * @param notes what else it measured, for the report
	 */
	record Outcome(Tally tally, boolean ended, int faults, String notes) {

	}

}
