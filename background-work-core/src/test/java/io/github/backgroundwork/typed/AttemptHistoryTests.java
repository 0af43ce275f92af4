package io.github.backgroundwork.typed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import io.github.backgroundwork.typed.TestHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an item retried in memory keeps every attempt's outcome: when, how long, and
 * why it failed; and the latest failure's stack trace.
 */
class AttemptHistoryTests {

	private final TestHandlers handlers = new TestHandlers();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(1)
		.threadNamePrefix("history-tests-")
		.handlers(WorkHandlers.of(this.handlers))
		.maxStackTrace(1000)
		.retryPolicy(WorkRetryPolicy.builder().maxRetries(3).delay(Duration.ofMillis(10)).jitter(Duration.ZERO).build())
		.errorHandler((item, error) -> {
		}));

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void everyAttemptOfARetriedItemIsKeptInOrder() throws Exception {
		this.handlers.failuresBeforeSuccess = 2;
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("mail", new Mail("history", 1)));
		handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
		List<WorkAttempt> history = handle.snapshot().history();
		assertThat(history).extracting(WorkAttempt::attempt).containsExactly(1, 2, 3);
		assertThat(history).extracting(WorkAttempt::outcome)
			.containsExactly(WorkState.FAILED, WorkState.FAILED, WorkState.SUCCEEDED);
		assertThat(history).extracting((attempt) -> (attempt.error() != null) ? attempt.error().message() : null)
			.containsExactly("SMTP down, attempt 1", "SMTP down, attempt 2", null);
		for (int i = 0; i < history.size(); i++) {
			WorkAttempt attempt = history.get(i);
			assertThat(attempt.startedAt()).isNotNull();
			assertThat(attempt.finishedAt()).isAfterOrEqualTo(attempt.startedAt());
			assertThat(attempt.duration()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
			if (i > 0) {
				// Each attempt starts after the previous one ended, after its backoff
				assertThat(attempt.startedAt()).isAfterOrEqualTo(history.get(i - 1).finishedAt());
			}
		}
		assertThat(handle.snapshot().history().get(2).finishedAt()).isEqualTo(handle.snapshot().finishedAt());
	}

	@Test
	void finalFailureKeepsItsBoundedStackTraceAndEveryAttempt() throws Exception {
		this.handlers.failuresBeforeSuccess = 10;
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("mail", new Mail("history", 2)));
		handle.completion().toCompletableFuture().handle((result, ex) -> null).get(10, TimeUnit.SECONDS);
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
		assertThat(handle.snapshot().error().stackTrace())
			.startsWith("java.lang.IllegalStateException: SMTP down, attempt 4")
			.hasSizeLessThanOrEqualTo(1000);
		assertThat(handle.snapshot().history()).extracting(WorkAttempt::outcome)
			.containsExactly(WorkState.FAILED, WorkState.FAILED, WorkState.FAILED, WorkState.FAILED);
		assertThat(handle.snapshot().history().get(3).error()).isEqualTo(handle.snapshot().error());
	}

}
