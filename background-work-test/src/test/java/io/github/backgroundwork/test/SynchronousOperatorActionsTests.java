package io.github.backgroundwork.test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's actions on a {@link SynchronousBackgroundWorkQueue}: retried work runs at
 * once on the caller's thread under its id; deleted work leaves the history.
 */
class SynchronousOperatorActionsTests {

	private final Handlers handlers = new Handlers();

	private final SynchronousBackgroundWorkQueue queue = new SynchronousBackgroundWorkQueue(100,
			WorkHandlers.of(this.handlers));

	@Test
	void failedTypedWorkRunsAgainUnderItsIdWhenRetried() {
		WorkHandle failed = this.queue.enqueue(WorkRequest.builder("flaky", "a").key("k-a").build());
		assertThat(failed.state()).isEqualTo(WorkState.FAILED);
		this.handlers.healed = true;
		assertThat(this.queue.retry(failed.id())).isEqualTo(ActionResult.APPLIED);
		WorkHandle retried = this.queue.find(failed.id()).orElseThrow();
		assertThat(retried.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(retried.snapshot().retriedAt()).isNotNull();
		assertThat(retried.snapshot().key()).isEqualTo("k-a");
		assertThat(this.handlers.calls).hasValue(2);
		assertThat(this.queue.retry(failed.id())).as("it succeeded").isEqualTo(ActionResult.NOT_RERUNNABLE);
	}

	@Test
	void retryKeepsTheFailedAttemptInTheHistory() {
		WorkHandle failed = this.queue.enqueue(WorkRequest.of("flaky", "a"));
		assertThat(failed.snapshot().history()).extracting(WorkAttempt::outcome).containsExactly(WorkState.FAILED);
		this.handlers.healed = true;
		assertThat(this.queue.retry(failed.id())).isEqualTo(ActionResult.APPLIED);
		List<WorkAttempt> history = this.queue.find(failed.id()).orElseThrow().snapshot().history();
		assertThat(history).extracting(WorkAttempt::outcome).containsExactly(WorkState.FAILED, WorkState.SUCCEEDED);
		WorkError error = history.get(0).error();
		assertThat(error).isNotNull();
		assertThat(error.message()).isEqualTo("not yet");
		assertThat(error.stackTrace()).as("only the latest failure keeps its stack trace").isNull();
		assertThat(history.get(1).error()).isNull();
	}

	@Test
	void lambdasCannotRunAgainAndDeletedItemsLeaveTheHistory() {
		WorkHandle lambda = this.queue.enqueue("lambda", (context) -> {
			throw new IllegalStateException("boom");
		});
		assertThat(this.queue.retry(lambda.id())).isEqualTo(ActionResult.NOT_RERUNNABLE);
		assertThat(this.queue.delete(lambda.id())).isEqualTo(ActionResult.APPLIED);
		assertThat(this.queue.find(lambda.id())).isEmpty();
		assertThat(this.queue.delete(lambda.id())).isEqualTo(ActionResult.NOT_FOUND);
	}

	@Test
	void bulkActionsCountWhatMatchedAndChanged() {
		this.queue.enqueue(WorkRequest.builder("flaky", "a").key("k-1").build());
		this.queue.enqueue(WorkRequest.builder("flaky", "b").key("k-2").build());
		this.queue.enqueue(WorkRequest.builder("flaky", "c").key("z-1").build());
		this.handlers.healed = true;
		assertThat(this.queue.retryAll(new WorkFilter(WorkState.FAILED, "flaky", "k-", null)))
			.isEqualTo(new BulkResult(2, 2));
		assertThat(this.queue.deleteAll(new WorkFilter(WorkState.SUCCEEDED, null, null, null)))
			.isEqualTo(new BulkResult(2, 2));
		assertThat(this.queue.cancelAll(WorkFilter.all())).as("nothing is live once enqueue returns")
			.isEqualTo(new BulkResult(0, 0));
		assertThat(this.queue.snapshot().recent()).hasSize(1);
	}

	static class Handlers {

		final AtomicInteger calls = new AtomicInteger();

		volatile boolean healed;

		@BackgroundWorkHandler("flaky")
		void flaky(String payload) {
			this.calls.incrementAndGet();
			if (!this.healed) {
				throw new IllegalStateException("not yet");
			}
		}

	}

}
