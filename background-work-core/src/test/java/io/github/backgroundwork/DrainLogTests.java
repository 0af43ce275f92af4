package io.github.backgroundwork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a drain says at INFO what it waits for, by name and id, until when, and how
 * it ended.
 */
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class DrainLogTests {

	@Test
	void drainLogsWhatItWaitsForAndHowItEnded(CapturedOutput output) throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.drainTimeout(Duration.ofSeconds(30))
			.threadNamePrefix("drain-log-tests-"));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WorkHandle mailing = queue.enqueue("drain-log-mailing", (context) -> {
			started.countDown();
			release.await();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		WorkHandle queued = queue.enqueue("drain-log-thumbnail", (context) -> {
		});
		Thread closer = new Thread(queue::close, "drain-log-closer");
		closer.start();
		// Released only once the drain has begun, so the drain is what waits for it
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> queue.statistics().state() == QueueState.DRAINING);
		release.countDown();
		closer.join(5000);
		assertThat(closer.isAlive()).isFalse();
		List<String> lines = output.getOut().lines().filter((line) -> line.contains(" INFO ")).toList();
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("draining")
			.contains("2 item(s)")
			.contains("'drain-log-mailing' (" + mailing.id() + ")")
			.contains("'drain-log-thumbnail' (" + queued.id() + ")")
			.containsPattern("waiting until \\d{4}-\\d\\d-\\d\\dT"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("Background work queue stopped in")
			.contains("every accepted item ended"));
		assertThat(mailing.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(queued.state()).isEqualTo(WorkState.SUCCEEDED);
	}

}
