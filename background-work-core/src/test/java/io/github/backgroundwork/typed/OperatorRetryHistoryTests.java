package io.github.backgroundwork.typed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's retry of an item kept in memory keeps the attempts of the run that ended:
 * the item run again lists them before its own.
 */
class OperatorRetryHistoryTests {

	private final OperatorActionsTests.Handlers handlers = new OperatorActionsTests.Handlers();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(2)
		.threadNamePrefix("operator-retry-history-tests-")
		.handlers(WorkHandlers.of(this.handlers))
		.retryPolicy(
				WorkRetryPolicy.builder().maxRetries(1).delay(Duration.ofMillis(5)).jitter(Duration.ZERO).build()));

	@AfterEach
	void close() {
		this.handlers.release.countDown();
		this.queue.close();
	}

	@Test
	void operatorRetryKeepsTheFailedAttemptInTheHistory() {
		WorkHandle handle = this.queue.enqueue(WorkRequest.builder("flaky", "a").maxRetries(0).build());
		awaitState(handle.id(), WorkState.FAILED);
		Instant before = Instant.now();
		this.handlers.healed = true;
		assertThat(this.queue.retry(handle.id())).isEqualTo(ActionResult.APPLIED);
		awaitState(handle.id(), WorkState.SUCCEEDED);
		WorkItemSnapshot retried = this.queue.find(handle.id()).orElseThrow().snapshot();
		assertThat(retried.retriedAt()).isNotNull().isAfterOrEqualTo(before);
		List<WorkAttempt> history = retried.history();
		assertThat(history).extracting(WorkAttempt::outcome).containsExactly(WorkState.FAILED, WorkState.SUCCEEDED);
		assertThat(history.get(0).error()).isNotNull();
		assertThat(history.get(0).error().message()).isEqualTo("not yet");
		assertThat(history.get(0).error().stackTrace()).as("only the latest failure keeps its stack trace").isNull();
		assertThat(history.get(1).error()).isNull();
	}

	@Test
	void operatorRetriesKeepTheAttemptsOfEveryRunUpToTheBound() {
		// Two attempts a run (one retry), failing every time
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("flaky", "b"));
		awaitState(handle.id(), WorkState.FAILED);
		for (int run = 2; run <= 12; run++) {
			assertThat(this.queue.retry(handle.id())).isEqualTo(ActionResult.APPLIED);
			int calls = run * 2;
			await().atMost(Duration.ofSeconds(10)).until(() -> this.handlers.calls.get("b").get() == calls);
			awaitState(handle.id(), WorkState.FAILED);
		}
		List<WorkAttempt> history = this.queue.find(handle.id()).orElseThrow().snapshot().history();
		// The bound on earlier attempts (TypedWork.MAX_EARLIER_ATTEMPTS), then the latest
		assertThat(history).hasSize(20 + 1).allMatch((attempt) -> attempt.outcome() == WorkState.FAILED);
		assertThat(history.get(history.size() - 1).attempt()).isEqualTo(2);
	}

	private void awaitState(String id, WorkState state) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.queue.find(id).map(WorkHandle::state).orElse(null) == state);
	}

}
