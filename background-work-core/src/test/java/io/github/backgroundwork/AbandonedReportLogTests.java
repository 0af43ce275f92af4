package io.github.backgroundwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the WARN log at the shutdown deadline names every abandoned item, a bounded
 * number per line.
 */
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class AbandonedReportLogTests {

	@Test
	void everyAbandonedItemIsLoggedByIdAndNameInBoundedLines(CapturedOutput output) throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.drainTimeout(Duration.ofMillis(50))
			.cancellationGrace(Duration.ofMillis(50))
			.threadNamePrefix("abandoned-log-tests-"));
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle stuck = queue.enqueue("stuck", (work) -> {
			started.countDown();
			while (!Thread.currentThread().isInterrupted()) {
				Thread.onSpinWait();
			}
		});
		started.await();
		List<WorkHandle> waiting = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			waiting.add(queue.enqueue("waiting-" + i, (work) -> {
			}));
		}
		queue.close();
		List<String> lines = output.getOut()
			.lines()
			// Other tests log in parallel: keep this test's lines only
			.filter((line) -> line.contains("'waiting-") && line.contains(" WARN "))
			.toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).contains("151 background work item(s) did not finish");
		assertThat(lines.get(1)).contains("Also abandoned: ");
		assertThat(lines).allSatisfy((line) -> assertThat(line.split("\\), '").length).isLessThanOrEqualTo(100));
		String logged = String.join("\n", lines);
		assertThat(logged).contains("'stuck' (" + stuck.id() + ", still running)");
		assertThat(waiting).allSatisfy((handle) -> assertThat(logged)
			.contains("'" + handle.name() + "' (" + handle.id() + ", never started)"));
	}

}
