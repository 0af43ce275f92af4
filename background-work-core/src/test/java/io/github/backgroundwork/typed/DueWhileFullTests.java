package io.github.backgroundwork.typed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.typed.TestHandlers.Mail;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a scheduled item that comes due while every place is taken waits for a place
 * without the idle workers spinning, and runs as soon as a place frees.
 */
class DueWhileFullTests {

	@Test
	void dueItemWaitsForAPlaceWithoutSpinningAndRunsWhenOneFrees() throws Exception {
		TestHandlers handlers = new TestHandlers();
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.threadNamePrefix("due-while-full-tests-")
			.handlers(WorkHandlers.of(handlers)));
		try {
			CompletableFuture<Void> stage = new CompletableFuture<>();
			WorkHandle async = queue.enqueueAsync("holds-the-place", (context) -> stage);
			await().atMost(Duration.ofSeconds(5)).until(() -> async.state() == WorkState.RUNNING);
			WorkHandle due = queue
				.enqueue(WorkRequest.builder("mail", new Mail("due", 1)).delay(Duration.ofMillis(20)).build());
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long worker = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().startsWith("due-while-full-tests-"))
				.findFirst()
				.orElseThrow()
				.getId();
			long cpuBefore = threads.getThreadCpuTime(worker);
			// Due, but no place: the idle worker waits for one
			await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
			long cpu = threads.getThreadCpuTime(worker) - cpuBefore;
			assertThat(Duration.ofNanos(cpu)).as("CPU of the idle worker while the due item waits")
				.isLessThan(Duration.ofMillis(50));
			assertThat(due.state()).isEqualTo(WorkState.SCHEDULED);
			stage.complete(null);
			due.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(handlers.sent).containsExactly(new Mail("due", 1));
		}
		finally {
			queue.close();
		}
	}

}
