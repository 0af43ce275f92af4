package io.github.backgroundwork.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful stops (SIGTERM) of an instance at its drain deadline while it runs
 * well-behaved work (stops when asked), stubborn work (ignores it) and failing work
 * (throws when asked), with a second instance running: nothing is lost, nothing ends
 * FAILED or CANCELLED because of a stop, and only stubborn work may run twice.
 */
class GracefulStopAtDeadlineTests extends AbstractFaultTests {

	private static final Map<String, String> SHORT_DRAIN = Map.of("background-work.shutdown.drain-timeout", "300ms",
			"background-work.shutdown.cancellation-grace", "300ms");

	private static final Map<String, String> MIXED = Map.of("faults.work", "2000", "faults.kinds",
			"WELL_BEHAVED,STUBBORN,FAILING");

	@Test
	void aStopAtTheDeadlineLosesNothingAndFailsNothing() throws Exception {
		int items = FaultSize.pick(24, 90);
		int stops = FaultSize.pick(1, 3);
		List<Outcome> outcomes = repeat("gracefulStopAtDeadline", (run) -> {
			Map<String, String> enqueuing = new java.util.HashMap<>(MIXED);
			enqueuing.put("faults.enqueue", String.valueOf(items));
			Instance a = run.start("A1", enqueuing, SHORT_DRAIN);
			Instance b = run.start("B", MIXED, SHORT_DRAIN);
			run.awaitReady(a, b);
			List<String> stopped = new ArrayList<>();
			for (int stop = 1; stop <= stops; stop++) {
				Instance victim = a;
				// Stop it while it runs a full set of items
				await().atMost(Duration.ofSeconds(120)).until(() -> run.started(victim.name()) >= 4);
				long start = System.nanoTime();
				victim.requestStop();
				boolean exited = victim.waitFor(60);
				stopped.add(String.format(Locale.ROOT, "%s in %.1f s (exit %s)", victim.name(),
						(System.nanoTime() - start) / 1e9, exited ? victim.exitValue() : "killed after 60 s"));
				if (stop < stops) {
					a = run.start("A" + (stop + 1), MIXED, SHORT_DRAIN);
					run.awaitReady(a);
				}
			}
			Outcome outcome = finish(run, items, Duration.ofSeconds(FaultSize.pick(90, 180)), stops, "");
			List<String> stubbornIds = run.app()
				.queryForList("SELECT id FROM background_work WHERE payload LIKE '%STUBBORN%'", String.class);
			Set<String> duplicates = outcome.tally().duplicateIds();
			long stubborn = duplicates.stream().filter(stubbornIds::contains).count();
			return new Outcome(outcome.tally(), outcome.ended(), stops,
					String.format(Locale.ROOT, "stopped %s; duplicates: %d stubborn, %d other; %s", stopped, stubborn,
							duplicates.size() - stubborn, outcome.notes()));
		});
		assertPromises(outcomes, 2, 4, 3);
		assertThat(outcomes).allSatisfy((outcome) -> {
			assertThat(outcome.tally().states()).as("states: %s", outcome.notes())
				.doesNotContainKeys("FAILED", "CANCELLED");
			assertThat(outcome.notes()).as("only stubborn work runs twice").contains(", 0 other;");
		});
	}

}
