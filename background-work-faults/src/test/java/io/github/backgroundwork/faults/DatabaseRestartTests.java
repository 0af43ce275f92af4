package io.github.backgroundwork.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped (fast shutdown: every session ended) and started again on the same
 * data directory and port while two instances run thousands of items: nothing is lost,
 * nothing runs twice, and each instance logs the outage a few times, not once per poll.
 */
class DatabaseRestartTests extends AbstractFaultTests {

	@Test
	void nothingIsLostOrRunTwiceWhenTheDatabaseRestarts() throws Exception {
		int items = FaultSize.pick(300, 3000);
		Duration outage = Duration.ofSeconds(FaultSize.pick(2, 5));
		List<Outcome> outcomes = repeat("databaseRestart", (run) -> {
			Instance a = run.start("A", Map.of("faults.work", "50", "faults.enqueue", String.valueOf(items)), Map.of());
			Instance b = run.start("B", Map.of("faults.work", "50"), Map.of());
			run.awaitReady(a, b);
			await().atMost(Duration.ofSeconds(120)).until(() -> run.completed() >= items / 4);
			long before = run.completed();
			long start = System.nanoTime();
			run.database().stop();
			after(outage, () -> run.database().restart());
			double down = (System.nanoTime() - start) / 1e9;
			return finish(run, items, Duration.ofSeconds(FaultSize.pick(90, 180)), 1, String.format(Locale.ROOT,
					"restarted after %d of %d items completed, down %.1f s", before, items, down));
		});
		assertPromises(outcomes, 2, 0, 3);
	}

}
