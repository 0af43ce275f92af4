package io.github.backgroundwork.typed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's actions on items kept in memory: retry under the same id with a fresh
 * budget, delete from the history, and the same in bulk, with their refusals.
 */
class OperatorActionsTests {

	private final Handlers handlers = new Handlers();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(4)
		.threadNamePrefix("operator-actions-tests-")
		.handlers(WorkHandlers.of(this.handlers))
		.retryPolicy(
				WorkRetryPolicy.builder().maxRetries(2).delay(Duration.ofMillis(5)).jitter(Duration.ZERO).build()));

	@AfterEach
	void close() {
		this.handlers.release.countDown();
		this.queue.close();
	}

	@Test
	void failedItemRunsAgainUnderItsIdWithAFreshRetryBudget() {
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("flaky", "a"));
		awaitState(handle.id(), WorkState.FAILED);
		assertThat(this.handlers.calls.get("a")).hasValue(3);
		Instant before = Instant.now();
		assertThat(this.queue.retry(handle.id())).isEqualTo(ActionResult.APPLIED);
		// Three more attempts: the budget is fresh, not the one the first run used up
		await().atMost(Duration.ofSeconds(10)).until(() -> this.handlers.calls.get("a").get() == 6);
		awaitState(handle.id(), WorkState.FAILED);
		WorkItemSnapshot retried = this.queue.find(handle.id()).orElseThrow().snapshot();
		assertThat(retried.attempts()).isEqualTo(3);
		assertThat(retried.retriedAt()).isNotNull().isAfterOrEqualTo(before);
		// One item under that id, not two
		assertThat(this.queue.items(new WorkQuery(null, "flaky", 0, 100)).items()).extracting(WorkItemSnapshot::id)
			.containsExactly(handle.id());
		// The handle of the first run keeps how it ended
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
		assertThat(handle.snapshot().retriedAt()).isNull();
		// Healed: the next retry succeeds
		this.handlers.healed = true;
		assertThat(this.queue.retry(handle.id())).isEqualTo(ActionResult.APPLIED);
		awaitState(handle.id(), WorkState.SUCCEEDED);
		assertThat(this.queue.find(handle.id()).orElseThrow().attempts()).isOne();
	}

	@Test
	void lambdaCannotRunAgainButCanBeDeleted() {
		WorkHandle lambda = this.queue.enqueue("lambda", (context) -> {
			throw new IllegalStateException("boom");
		});
		awaitState(lambda.id(), WorkState.FAILED);
		assertThat(this.queue.retry(lambda.id())).isEqualTo(ActionResult.NOT_RERUNNABLE);
		assertThat(this.queue.delete(lambda.id())).isEqualTo(ActionResult.APPLIED);
		assertThat(this.queue.find(lambda.id())).isEmpty();
		assertThat(this.queue.statistics().totals().failed()).as("its outcome stays counted").isOne();
		assertThat(this.queue.delete(lambda.id())).isEqualTo(ActionResult.NOT_FOUND);
	}

	@Test
	void succeededItemIsNotRetried() {
		WorkHandle ok = this.queue.enqueue(WorkRequest.of("ok", "a"));
		awaitState(ok.id(), WorkState.SUCCEEDED);
		assertThat(this.queue.retry(ok.id())).isEqualTo(ActionResult.NOT_RERUNNABLE);
	}

	@Test
	void liveItemIsNeitherRetriedNorDeletedAndUnknownIdsAreNotFound() throws Exception {
		WorkHandle blocked = this.queue.enqueue(WorkRequest.of("blocked", "a"));
		assertThat(this.handlers.started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.queue.retry(blocked.id())).isEqualTo(ActionResult.LIVE);
		assertThat(this.queue.delete(blocked.id())).isEqualTo(ActionResult.LIVE);
		assertThat(blocked.state()).isEqualTo(WorkState.RUNNING);
		assertThat(this.queue.retry("no-such-id")).isEqualTo(ActionResult.NOT_FOUND);
		assertThat(this.queue.delete(blocked.id() + "0")).isEqualTo(ActionResult.NOT_FOUND);
	}

	@Test
	void retryOfAKeyedItemWhoseKeyIsLiveAgainIsRefused() throws Exception {
		WorkHandle cancelled = this.queue.enqueue(WorkRequest.builder("blocked", "a").key("k").build());
		assertThat(this.handlers.started.await(10, TimeUnit.SECONDS)).isTrue();
		cancelled.cancel();
		await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.state() == WorkState.CANCELLED);
		WorkHandle again = this.queue.enqueue(WorkRequest.builder("blocked", "b").key("k").build());
		assertThat(again.isDuplicate()).isFalse();
		assertThat(this.queue.retry(cancelled.id())).isEqualTo(ActionResult.LIVE);
		again.cancel();
		await().atMost(Duration.ofSeconds(10)).until(() -> again.state() == WorkState.CANCELLED);
		this.handlers.release.countDown();
		assertThat(this.queue.retry(cancelled.id())).isEqualTo(ActionResult.APPLIED);
		awaitState(cancelled.id(), WorkState.SUCCEEDED);
	}

	@Test
	void bulkActionsApplyToWhatTheFilterMatchesAndCountIt() throws Exception {
		List<WorkHandle> failed = List.of("a-1", "a-2", "a-3", "b-1")
			.stream()
			.map((key) -> this.queue.enqueue(WorkRequest.builder("flaky", key).key(key).build()))
			.toList();
		failed.forEach((handle) -> awaitState(handle.id(), WorkState.FAILED));
		WorkHandle lambda = this.queue.enqueue("lambda", (context) -> {
			throw new IllegalStateException("boom");
		});
		awaitState(lambda.id(), WorkState.FAILED);
		this.handlers.healed = true;
		// Only the keys that start with a-
		assertThat(this.queue.retryAll(new WorkFilter(WorkState.FAILED, "flaky", "a-", null)))
			.isEqualTo(new BulkResult(3, 3));
		failed.subList(0, 3).forEach((handle) -> awaitState(handle.id(), WorkState.SUCCEEDED));
		assertThat(this.queue.find(failed.get(3).id()).orElseThrow().state()).isEqualTo(WorkState.FAILED);
		// The lambda matches, and cannot run again
		assertThat(this.queue.retryAll(new WorkFilter(WorkState.FAILED, null, null, null)))
			.isEqualTo(new BulkResult(2, 1));
		awaitState(failed.get(3).id(), WorkState.SUCCEEDED);
		// Nothing ended after a point in the past
		assertThat(this.queue.deleteAll(new WorkFilter(null, null, null, Instant.now().minusSeconds(3600))))
			.isEqualTo(new BulkResult(0, 0));
		assertThat(this.queue.deleteAll(new WorkFilter(WorkState.SUCCEEDED, null, null, null)))
			.isEqualTo(new BulkResult(4, 4));
		assertThat(this.queue.items(new WorkQuery(null, null, 0, 100)).items()).extracting(WorkItemSnapshot::id)
			.containsExactly(lambda.id());
		// Cancel: live items only
		WorkHandle blocked = this.queue.enqueue(WorkRequest.of("blocked", "x"));
		WorkHandle later = this.queue.enqueue(WorkRequest.builder("blocked", "y").delay(Duration.ofHours(1)).build());
		assertThat(this.handlers.started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.queue.cancelAll(WorkFilter.all())).isEqualTo(new BulkResult(2, 2));
		assertThat(later.state()).isEqualTo(WorkState.CANCELLED);
		await().atMost(Duration.ofSeconds(10)).until(() -> blocked.state() == WorkState.CANCELLED);
	}

	private void awaitState(String id, WorkState state) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.queue.find(id).map(WorkHandle::state).orElse(null) == state);
	}

	static class Handlers {

		final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		volatile boolean healed;

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@BackgroundWorkHandler("flaky")
		void flaky(String payload) {
			this.calls.computeIfAbsent(payload, (key) -> new AtomicInteger()).incrementAndGet();
			if (!this.healed) {
				throw new IllegalStateException("not yet");
			}
		}

		@BackgroundWorkHandler("ok")
		void ok(String payload) {
		}

		@BackgroundWorkHandler("blocked")
		void blocked(String payload, io.github.backgroundwork.WorkContext context) throws InterruptedException {
			this.started.countDown();
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			while (this.release.getCount() > 0 && cancelled.getCount() > 0) {
				cancelled.await(10, TimeUnit.MILLISECONDS);
			}
			context.throwIfCancellationRequested();
		}

	}

}
