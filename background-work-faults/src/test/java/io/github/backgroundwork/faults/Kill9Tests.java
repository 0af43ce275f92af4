package io.github.backgroundwork.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the two instances in turn while they run items, each started again
 * at once: nothing is lost, and only items running at a kill, or ended just before it
 * with their success not yet written (it rides on the next claim), run twice, at most the
 * concurrency (4) per kill.
 */
class Kill9Tests extends AbstractFaultTests {

	private static final Map<String, String> SHORT_LEASE = Map.of("background-work.jdbc.lease", "3s");

	@Test
	void onlyItemsRunningOrJustEndedAtAKillRunTwice() throws Exception {
		int items = FaultSize.pick(300, 2000);
		int kills = FaultSize.pick(2, 6);
		List<Outcome> outcomes = repeat("kill9", (run) -> {
			Instance[] live = {
					run.start("A1", Map.of("faults.work", "100", "faults.enqueue", String.valueOf(items)), SHORT_LEASE),
					run.start("B1", Map.of("faults.work", "100"), SHORT_LEASE) };
			run.awaitReady(live);
			List<String> killed = new ArrayList<>();
			int[] incarnation = { 1, 1 };
			int done = 0;
			for (int kill = 1; kill <= kills; kill++) {
				long target = (long) items * kill / (kills + 2);
				Instance victim = live[(kill - 1) % 2];
				// Kill it under load: past the target, with runs of its own under way
				await().atMost(Duration.ofSeconds(120))
					.until(() -> (run.completed() >= target && run.started(victim.name()) >= 4) || run.live() == 0);
				if (run.live() == 0) {
					killed.add(victim.name() + " not killed: nothing left");
					continue;
				}
				victim.kill();
				done++;
				killed.add(victim.name() + "@" + run.completed());
				int index = (kill - 1) % 2;
				String next = ((index == 0) ? "A" : "B") + (++incarnation[index]);
				live[index] = run.start(next, Map.of("faults.work", "100"), SHORT_LEASE);
			}
			return finish(run, items, Duration.ofSeconds(FaultSize.pick(90, 180)), done,
					"killed (instance@completed) " + killed);
		});
		assertPromises(outcomes, 2, 4, 3);
	}

}
