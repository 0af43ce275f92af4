package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's actions on stored items, from any instance: retry under the same id with
 * a fresh budget, delete, and the same (and cancel) in bulk, in bounded batches, with
 * their refusals. Checked through the queue's API and the rows.
 */
abstract class AbstractOperatorActionsTests {

	private final DurableHandlers handlers = new DurableHandlers();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	abstract TestDatabase database();

	@BeforeEach
	void clear() {
		database().clear();
	}

	@AfterEach
	void stopQueues() {
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	private DefaultBackgroundWorkQueue queue(String prefix, boolean started) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(8)
			.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofSeconds(5))
			.cancellationGrace(Duration.ofMillis(100))
			.handlers(WorkHandlers.of(this.handlers))
			.retryPolicy(WorkRetryPolicy.builder().delay(Duration.ofMillis(20)).jitter(Duration.ZERO).build())
			.durableWork(JdbcDurableWork.factory(database().dataSource(), database().store(Duration.ofSeconds(5)),
					JsonMapper.shared(), Duration.ofMillis(200), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		if (started) {
			queue.start();
		}
		return queue;
	}

	private StoredWork row(String id) {
		return database().store().reader().findById(id).orElseThrow();
	}

	private void awaitState(String id, StoredState state) {
		await().atMost(Duration.ofSeconds(20)).until(() -> row(id).state() == state);
	}

	@Test
	void failedStoredItemRunsAgainUnderItsIdWithAFreshBudgetWhoeverAsks() {
		DefaultBackgroundWorkQueue runner = queue("a-", true);
		WorkHandle handle = runner.enqueue(WorkRequest.builder("flaky", new Mail(1)).maxRetries(1).build());
		awaitState(handle.id(), StoredState.FAILED);
		assertThat(this.handlers.failures).hasValue(2);
		// An instance that never ran it, and does not claim, asks
		DefaultBackgroundWorkQueue operator = queue("b-", false);
		Instant before = Instant.now().minusSeconds(5);
		assertThat(operator.retry(handle.id())).isEqualTo(ActionResult.APPLIED);
		// Two more attempts: its budget is fresh
		await().atMost(Duration.ofSeconds(20)).until(() -> this.handlers.failures.get() == 4);
		awaitState(handle.id(), StoredState.FAILED);
		StoredWork row = row(handle.id());
		assertThat(row.attempts()).isEqualTo(2);
		assertThat(row.retriedAt()).isNotNull().isAfter(before);
		assertThat(operator.find(handle.id()).orElseThrow().snapshot().retriedAt()).isEqualTo(row.retriedAt());
	}

	@Test
	void operatorRetryKeepsTheAttemptsOfTheRunThatEnded() {
		DefaultBackgroundWorkQueue runner = queue("a-", true);
		WorkHandle handle = runner.enqueue(WorkRequest.builder("healing", new Mail(7)).maxRetries(0).build());
		awaitState(handle.id(), StoredState.FAILED);
		this.handlers.healed = true;
		Instant before = Instant.now().minusSeconds(5);
		assertThat(queue("b-", false).retry(handle.id())).isEqualTo(ActionResult.APPLIED);
		awaitState(handle.id(), StoredState.SUCCEEDED);
		StoredWork row = row(handle.id());
		assertThat(row.retriedAt()).isNotNull().isAfter(before);
		List<WorkAttempt> history = row.history();
		assertThat(history).extracting(WorkAttempt::outcome).containsExactly(WorkState.FAILED, WorkState.SUCCEEDED);
		assertThat(history).extracting(WorkAttempt::attempt).containsExactly(1, 1);
		WorkError error = history.get(0).error();
		assertThat(error).isNotNull();
		assertThat(error.message()).isEqualTo("SMTP down for 7");
		assertThat(history.get(0).owner()).as("where it failed").isNotNull();
		assertThat(history.get(1).error()).isNull();
		// As any instance shows it
		assertThat(runner.find(handle.id()).orElseThrow().snapshot().history()).isEqualTo(history);
	}

	@Test
	void liveSucceededAndUnknownStoredItemsAreRefusedSayingWhy() throws Exception {
		DefaultBackgroundWorkQueue queue = queue("a-", true);
		WorkHandle running = queue.enqueue(WorkRequest.of("patient", new Mail(1)));
		assertThat(this.handlers.patientStarted.await(10, TimeUnit.SECONDS)).isTrue();
		awaitState(running.id(), StoredState.RUNNING);
		assertThat(queue.retry(running.id())).isEqualTo(ActionResult.LIVE);
		assertThat(queue.delete(running.id())).isEqualTo(ActionResult.LIVE);
		running.cancel();
		WorkHandle mailed = queue.enqueue(WorkRequest.of("mail", new Mail(2)));
		awaitState(mailed.id(), StoredState.SUCCEEDED);
		assertThat(queue.retry(mailed.id())).isEqualTo(ActionResult.NOT_RERUNNABLE);
		assertThat(queue.delete(mailed.id())).isEqualTo(ActionResult.APPLIED);
		assertThat(database().store().reader().findById(mailed.id())).isEmpty();
		assertThat(queue.delete(mailed.id())).isEqualTo(ActionResult.NOT_FOUND);
		assertThat(queue.retry("no-such-id")).isEqualTo(ActionResult.NOT_FOUND);
	}

	@Test
	void retryOfAStoredItemWhoseKeyIsLiveAgainIsRefused() {
		DefaultBackgroundWorkQueue queue = queue("a-", false);
		WorkHandle first = queue
			.enqueue(WorkRequest.builder("mail", new Mail(1)).key("k").delay(Duration.ofHours(1)).build());
		assertThat(first.cancel()).isTrue();
		WorkHandle second = queue
			.enqueue(WorkRequest.builder("mail", new Mail(2)).key("k").delay(Duration.ofHours(1)).build());
		assertThat(second.isDuplicate()).isFalse();
		assertThat(queue.retry(first.id())).isEqualTo(ActionResult.LIVE);
		assertThat(queue.retryAll(new WorkFilter(null, "mail", "k", null))).isEqualTo(new BulkResult(1, 0));
		assertThat(row(first.id()).state()).isEqualTo(StoredState.CANCELLED);
		assertThat(second.cancel()).isTrue();
		assertThat(queue.retry(first.id())).isEqualTo(ActionResult.APPLIED);
		assertThat(row(first.id()).state()).isEqualTo(StoredState.QUEUED);
	}

	@Test
	void bulkRetryOfABatchWhoseRowsShareAKeyRetriesAllButTheDuplicate() {
		DefaultBackgroundWorkQueue queue = queue("a-", false);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			WorkHandle keyed = queue
				.enqueue(WorkRequest.builder("mail", new Mail(i)).key("same").delay(Duration.ofHours(1)).build());
			assertThat(keyed.cancel()).isTrue();
			ids.add(keyed.id());
		}
		WorkHandle plain = queue.enqueue(WorkRequest.builder("mail", new Mail(3)).delay(Duration.ofHours(1)).build());
		assertThat(plain.cancel()).isTrue();
		// One statement would break the key index: the batch is done again row by row
		assertThat(queue.retryAll(new WorkFilter(WorkState.CANCELLED, null, null, null)))
			.isEqualTo(new BulkResult(3, 2));
		assertThat(row(plain.id()).state()).isEqualTo(StoredState.QUEUED);
		assertThat(ids.stream().map((id) -> row(id).state())).containsExactlyInAnyOrder(StoredState.QUEUED,
				StoredState.CANCELLED);
	}

	@Test
	void bulkRetryOfMoreRowsThanOneBatchRunsEachRowOnce() {
		GeneratedRows.insert(database(), "failed-", 1_200, "mail", "FAILED", OffsetDateTime.now());
		DefaultBackgroundWorkQueue queue = queue("a-", true);
		assertThat(queue.retryAll(new WorkFilter(WorkState.FAILED, "mail", null, null)))
			.isEqualTo(new BulkResult(1_200, 1_200));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> database().jdbc()
				.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'SUCCEEDED'",
						Integer.class) == 1_200);
		// DurableHandlers' mail fails a customer mailed twice: each ran once
		assertThat(this.handlers.runs).hasValue(1_200);
		assertThat(this.handlers.ranOn).hasSize(1_200);
		assertThat(database().jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE retried_at IS NOT NULL AND attempts = 1",
					Integer.class))
			.isEqualTo(1_200);
		// Nothing failed is left to retry
		assertThat(queue.retryAll(WorkFilter.all())).isEqualTo(new BulkResult(0, 0));
	}

	@Test
	void bulkCancelAndDeleteActOnTheRowsOfEveryInstance() throws Exception {
		DefaultBackgroundWorkQueue owner = queue("a-", true);
		DefaultBackgroundWorkQueue operator = queue("b-", false);
		List<WorkHandle> later = List.of("k-1", "k-2", "k-3", "z-1")
			.stream()
			.map((key) -> owner.enqueue(
					WorkRequest.builder("mail", new Mail(key.hashCode())).key(key).delay(Duration.ofHours(1)).build()))
			.toList();
		WorkHandle running = owner.enqueue(WorkRequest.of("patient", new Mail(9)));
		assertThat(this.handlers.patientStarted.await(10, TimeUnit.SECONDS)).isTrue();
		awaitState(running.id(), StoredState.RUNNING);
		assertThat(operator.cancelAll(new WorkFilter(null, "mail", "k-", null))).isEqualTo(new BulkResult(3, 3));
		later.subList(0, 3).forEach((handle) -> assertThat(row(handle.id()).state()).isEqualTo(StoredState.CANCELLED));
		assertThat(row(later.get(3).id()).state()).isEqualTo(StoredState.SCHEDULED);
		// Running on the other instance: cancelled through its row
		assertThat(operator.cancelAll(new WorkFilter(WorkState.RUNNING, null, null, null)))
			.isEqualTo(new BulkResult(1, 1));
		awaitState(running.id(), StoredState.CANCELLED);
		// Delete: ended rows only, and only those the filter matches
		assertThat(operator.deleteAll(new WorkFilter(null, null, null, Instant.now().minusSeconds(3600))))
			.isEqualTo(new BulkResult(0, 0));
		assertThat(operator.deleteAll(new WorkFilter(WorkState.CANCELLED, null, null, null)))
			.isEqualTo(new BulkResult(4, 4));
		assertThat(database().jdbc().queryForList("SELECT id FROM background_work", String.class))
			.containsExactly(later.get(3).id());
	}

}
