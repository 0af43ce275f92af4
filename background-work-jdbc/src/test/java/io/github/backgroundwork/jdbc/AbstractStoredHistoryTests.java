package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import io.github.backgroundwork.jdbc.HistoryHandlers.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stored item keeps every attempt (when, where, how long, why it failed) and its latest
 * failure's stack trace, cut to the bound, in its row: any instance reads them.
 */
abstract class AbstractStoredHistoryTests {

	private final HistoryHandlers handlers = new HistoryHandlers();

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

	private DefaultBackgroundWorkQueue startedQueue() {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix("history-")
			.maxStackTrace(2048)
			.handlers(WorkHandlers.of(this.handlers))
			.retryPolicy(
					WorkRetryPolicy.builder().maxRetries(3).delay(Duration.ofMillis(20)).jitter(Duration.ZERO).build())
			.durableWork(JdbcDurableWork.factory(database().dataSource(), database().store(Duration.ofSeconds(5)),
					JsonMapper.shared(), Duration.ofMillis(200), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		queue.start();
		return queue;
	}

	private StoredWork row(String id) {
		return database().store().reader().findById(id).orElseThrow();
	}

	@Test
	void rowKeepsEveryAttemptOfAnItemThatFailedTwiceThenSucceeded() {
		DefaultBackgroundWorkQueue queue = startedQueue();
		WorkHandle handle = queue.enqueue(WorkRequest.of("twice-failing", new Report(1)));
		await().atMost(Duration.ofSeconds(20)).until(() -> row(handle.id()).state() == StoredState.SUCCEEDED);
		List<WorkAttempt> history = row(handle.id()).history();
		assertThat(history).extracting(WorkAttempt::attempt).containsExactly(1, 2, 3);
		assertThat(history).extracting(WorkAttempt::outcome)
			.containsExactly(WorkState.FAILED, WorkState.FAILED, WorkState.SUCCEEDED);
		// One queue ran them all: every attempt names it, as the row's owner does
		String owner = row(handle.id()).owner();
		assertThat(owner).isNotNull();
		assertThat(history).extracting(WorkAttempt::owner).containsOnly(owner);
		assertThat(history).extracting((attempt) -> (attempt.error() != null) ? attempt.error().message() : null)
			.containsExactly("SMTP down, run 1", "SMTP down, run 2", null);
		assertThat(history.get(0).error().type()).isEqualTo(IllegalStateException.class.getName());
		for (WorkAttempt attempt : history) {
			assertThat(attempt.startedAt()).isNotNull();
			assertThat(attempt.finishedAt()).isNotNull();
			assertThat(attempt.duration()).isNotNull();
		}
		// Read through the queue, as the endpoint does: the same history
		assertThat(queue.find(handle.id()).orElseThrow().snapshot().history()).isEqualTo(history);
		// A success leaves no error behind, but the failures stay in the history
		assertThat(row(handle.id()).stackTrace()).isNull();
	}

	@Test
	void rowKeepsTheLastFailuresStackTraceWithItsCausesCutToTheBound() {
		DefaultBackgroundWorkQueue queue = startedQueue();
		WorkHandle handle = queue.enqueue(WorkRequest.builder("deep-failing", new Report(2)).maxRetries(1).build());
		await().atMost(Duration.ofSeconds(20)).until(() -> row(handle.id()).state() == StoredState.FAILED);
		StoredWork row = row(handle.id());
		assertThat(row.workError().type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(row.workError().message()).isEqualTo("gave up deep down");
		assertThat(row.stackTrace()).hasSizeLessThanOrEqualTo(2048)
			.startsWith("java.lang.IllegalStateException: gave up deep down")
			.containsPattern("\\.\\.\\. \\d+ more characters cut$");
		assertThat(row.history()).extracting(WorkAttempt::outcome).containsExactly(WorkState.FAILED, WorkState.FAILED);
		assertThat(row.history().get(1).error().stackTrace()).isEqualTo(row.stackTrace());
	}

}
