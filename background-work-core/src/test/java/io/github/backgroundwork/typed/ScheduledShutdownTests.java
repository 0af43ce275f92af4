package io.github.backgroundwork.typed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.typed.TestHandlers.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a drain runs the scheduled items that come due before its deadline, abandons
 * the others as "scheduled for" their time, and reports their requests so that they can
 * be enqueued again at the next start.
 */
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class ScheduledShutdownTests {

	@Test
	void drainRunsWhatComesDueAndReportsTheRestWithTheirRequests(CapturedOutput output) throws Exception {
		TestHandlers handlers = new TestHandlers();
		List<WorkItemSnapshot> abandoned = new CopyOnWriteArrayList<>();
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.drainTimeout(Duration.ofSeconds(2))
			.threadNamePrefix("scheduled-shutdown-tests-")
			.handlers(WorkHandlers.of(handlers))
			.listener(new WorkListener() {

				@Override
				public void onAbandoned(List<WorkItemSnapshot> items) {
					abandoned.addAll(items);
				}

			}));
		WorkRequest soon = WorkRequest.builder("mail", new Mail("soon", 1)).delay(Duration.ofMillis(300)).build();
		WorkRequest late = WorkRequest.builder("mail", new Mail("late", 2))
			.key("late:2")
			.delay(Duration.ofMinutes(10))
			.build();
		WorkHandle soonHandle = queue.enqueue(soon);
		WorkHandle lateHandle = queue.enqueue(late);
		long start = System.nanoTime();
		queue.close();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		// Waited for the one due within the drain, not for the one due in ten minutes
		assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(1900));
		assertThat(soonHandle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(lateHandle.state()).isEqualTo(WorkState.ABANDONED);
		assertThat(abandoned).singleElement().satisfies((item) -> {
			assertThat(item.request()).isEqualTo(late);
			assertThat(item.key()).isEqualTo("late:2");
			assertThat(item.attempts()).isZero();
		});
		assertThat(output).contains("'mail' (" + lateHandle.id() + ", scheduled for ");
		// Enqueued again at the next start, from the report
		TestHandlers nextHandlers = new TestHandlers();
		DefaultBackgroundWorkQueue next = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix("scheduled-shutdown-next-")
			.handlers(WorkHandlers.of(nextHandlers)));
		try {
			WorkRequest request = abandoned.get(0).request();
			WorkHandle again = next
				.enqueue(WorkRequest.builder(request.name(), request.payload()).key(request.key()).build());
			again.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(nextHandlers.sent).containsExactly(new Mail("late", 2));
		}
		finally {
			next.close();
		}
	}

}
