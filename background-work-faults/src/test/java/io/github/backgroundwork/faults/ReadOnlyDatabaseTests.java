package io.github.backgroundwork.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The application's database turned read-only ({@code default_transaction_read_only}, its
 * sessions ended so that new ones see it, as after a fail-over to a replica) while two
 * instances run their items, then writable again: no flood of warnings during the outage,
 * and everything completes, once, afterwards.
 */
class ReadOnlyDatabaseTests extends AbstractFaultTests {

	@Test
	void aReadOnlyDatabaseIsWaitedOutQuietly() throws Exception {
		int items = FaultSize.pick(300, 2000);
		Duration outage = Duration.ofSeconds(FaultSize.pick(4, 10));
		List<Outcome> outcomes = repeat("readOnlyDatabase", (run) -> {
			Instance a = run.start("A", Map.of("faults.work", "50", "faults.enqueue", String.valueOf(items)), Map.of());
			Instance b = run.start("B", Map.of("faults.work", "50"), Map.of());
			run.awaitReady(a, b);
			await().atMost(Duration.ofSeconds(120)).until(() -> run.completed() >= items / 4);
			long before = run.completed();
			setReadOnly(run, true);
			after(outage, () -> setReadOnly(run, false));
			return finish(run, items, Duration.ofSeconds(FaultSize.pick(90, 180)), 1, String.format(Locale.ROOT,
					"read-only for %d s after %d of %d items completed", outage.toSeconds(), before, items));
		});
		assertPromises(outcomes, 2, 0, 3);
	}

	private static void setReadOnly(FaultRun run, boolean readOnly) {
		run.database()
			.admin("postgres")
			.execute("ALTER DATABASE " + run.appDatabase() + " SET default_transaction_read_only = "
					+ (readOnly ? "on" : "off"));
		// Sessions read the setting when they start
		run.database().terminate(run.appDatabase(), FaultRun.APPLICATION_PREFIX);
	}

}
