package io.github.backgroundwork.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The application's connections (its pool and its listener, found by
 * {@code application_name}) ended with {@code pg_terminate_backend} again and again while
 * two instances run their items: nothing is lost, nothing runs twice, no flood of
 * warnings.
 */
class ConnectionsKilledTests extends AbstractFaultTests {

	@Test
	void nothingIsLostOrRunTwiceWhenConnectionsAreKilled() throws Exception {
		int items = FaultSize.pick(300, 2000);
		int kills = FaultSize.pick(3, 8);
		List<Outcome> outcomes = repeat("connectionsKilled", (run) -> {
			Instance a = run.start("A", Map.of("faults.work", "50", "faults.enqueue", String.valueOf(items)), Map.of());
			Instance b = run.start("B", Map.of("faults.work", "50"), Map.of());
			run.awaitReady(a, b);
			List<String> ended = new ArrayList<>();
			for (int kill = 1; kill <= kills; kill++) {
				long target = (long) items * kill / (kills + 2);
				await().atMost(Duration.ofSeconds(120)).until(() -> run.completed() >= target);
				ended.add(run.completed() + ":"
						+ run.database().terminate(run.appDatabase(), FaultRun.APPLICATION_PREFIX));
			}
			return finish(run, items, Duration.ofSeconds(FaultSize.pick(90, 180)), kills,
					kills + " kills at completed:sessions ended " + ended);
		});
		assertPromises(outcomes, 2, 0, 3);
	}

}
