package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
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

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Typed work kept in the database, run by queues on one database: every guarantee of the
 * durable store checked from outside, through the queue's public API and the rows.
 */
abstract class AbstractDurableWorkTests {

	private final DurableHandlers handlers = new DurableHandlers();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	abstract TestDatabase database();

	@BeforeEach
	void clear() {
		database().clear();
	}

	@AfterEach
	void stopQueues() {
		this.handlers.unblock.countDown();
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	private DefaultBackgroundWorkQueue queue(String prefix, Duration drainTimeout) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(4)
			.threadNamePrefix(prefix)
			.drainTimeout(drainTimeout)
			.cancellationGrace(Duration.ofMillis(100))
			.handlers(WorkHandlers.of(this.handlers))
			.retryPolicy(WorkRetryPolicy.builder().delay(Duration.ofMillis(20)).jitter(Duration.ZERO).build())
			.durableWork(JdbcDurableWork.factory(database().dataSource(), database().store(Duration.ofSeconds(5)),
					JsonMapper.shared(), Duration.ofMillis(200), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		return queue;
	}

	private DefaultBackgroundWorkQueue startedQueue(String prefix) {
		DefaultBackgroundWorkQueue queue = queue(prefix, Duration.ofSeconds(5));
		queue.start();
		return queue;
	}

	private StoredWork row(String id) {
		return database().store().reader().findById(id).orElseThrow();
	}

	private void awaitState(String id, StoredState state) {
		await().atMost(Duration.ofSeconds(10)).until(() -> row(id).state() == state);
	}

	@Test
	void enqueuedWorkRunsAndItsRowSucceeds() {
		DefaultBackgroundWorkQueue queue = startedQueue("a-");
		WorkHandle handle = queue.enqueue(WorkRequest.of("mail", new Mail(1)));
		awaitState(handle.id(), StoredState.SUCCEEDED);
		assertThat(this.handlers.ranOn).containsOnlyKeys(1);
		assertThat(row(handle.id()).attempts()).isEqualTo(1);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void storedItemIsFoundByIdOnEveryInstanceAfterItEnded() {
		DefaultBackgroundWorkQueue queue = startedQueue("a-");
		DefaultBackgroundWorkQueue other = startedQueue("b-");
		WorkHandle handle = queue.enqueue(WorkRequest.of("mail", new Mail(3)));
		awaitState(handle.id(), StoredState.SUCCEEDED);
		assertThat(queue.find(handle.id())).hasValueSatisfying((found) -> {
			assertThat(found.name()).isEqualTo("mail");
			assertThat(found.state()).isEqualTo(WorkState.SUCCEEDED);
		});
		assertThat(other.find(handle.id()))
			.hasValueSatisfying((found) -> assertThat(found.state()).isEqualTo(WorkState.SUCCEEDED));
		assertThat(queue.find("no-such-id")).isEmpty();
		assertThat(queue.find("x".repeat(500))).isEmpty();
	}

	@Test
	void storedItemIsCancelledWhereverItIs() throws Exception {
		DefaultBackgroundWorkQueue here = startedQueue("a-");
		// Waiting in the table: cancelled there, from any instance
		WorkHandle later = here.enqueue(WorkRequest.builder("mail", new Mail(1)).delay(Duration.ofHours(1)).build());
		assertThat(here.find(later.id()).orElseThrow().cancel()).isTrue();
		assertThat(row(later.id()).state()).isEqualTo(StoredState.CANCELLED);
		assertThat(later.cancel()).as("already ended").isFalse();
		// Running on this instance: its engine item is told at once
		WorkHandle running = here.enqueue(WorkRequest.of("patient", new Mail(2)));
		assertThat(this.handlers.patientStarted.await(10, TimeUnit.SECONDS)).isTrue();
		awaitState(running.id(), StoredState.RUNNING);
		assertThat(running.cancel()).isTrue();
		awaitState(running.id(), StoredState.CANCELLED);
		assertThat(running.state()).isEqualTo(WorkState.CANCELLED);
	}

	@Test
	void storedItemRunningOnAnotherInstanceIsCancelledThroughItsRow() throws Exception {
		DefaultBackgroundWorkQueue owner = startedQueue("a-");
		WorkHandle running = owner.enqueue(WorkRequest.of("patient", new Mail(3)));
		assertThat(this.handlers.patientStarted.await(10, TimeUnit.SECONDS)).isTrue();
		awaitState(running.id(), StoredState.RUNNING);
		// Another instance, which never claimed it, finds it and asks its owner
		DefaultBackgroundWorkQueue other = queue("b-", Duration.ofSeconds(5));
		WorkHandle found = other.find(running.id()).orElseThrow();
		assertThat(found.cancel()).isTrue();
		// Running until its owner renews its leases, which may happen at any moment
		assertThat(found.state()).isIn(WorkState.RUNNING, WorkState.CANCELLED);
		awaitState(running.id(), StoredState.CANCELLED);
		assertThat(found.cancel()).as("already ended").isFalse();
	}

	@Test
	void rolledBackEnqueueNeverRunsAndCommittedEnqueueRuns() {
		DefaultBackgroundWorkQueue queue = startedQueue("a-");
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(database().dataSource()));
		String rolledBack = transactions.execute((status) -> {
			String id = queue.enqueue(WorkRequest.of("mail", new Mail(1))).id();
			status.setRollbackOnly();
			return id;
		});
		String committed = transactions.execute((status) -> queue.enqueue(WorkRequest.of("mail", new Mail(2))).id());
		awaitState(committed, StoredState.SUCCEEDED);
		assertThat(database().store().reader().findById(rolledBack)).isEmpty();
		assertThat(this.handlers.ranOn).containsOnlyKeys(2);
	}

	@Test
	void failingWorkIsRetriedThenFailsInTheDatabase() {
		DefaultBackgroundWorkQueue queue = startedQueue("a-");
		WorkHandle handle = queue.enqueue(WorkRequest.builder("flaky", new Mail(7)).maxRetries(2).build());
		awaitState(handle.id(), StoredState.FAILED);
		StoredWork row = row(handle.id());
		assertThat(row.attempts()).isEqualTo(3);
		assertThat(row.error()).contains("SMTP down for 7");
		assertThat(this.handlers.failures).hasValue(3);
	}

	@Test
	void payloadThatDoesNotFitItsClassEndsFailedWithoutRetriesSayingWhy() {
		// A missing class is left for another instance
		// (AbstractQueueIsolationAndLimitsTests);
		// a present class that the stored JSON does not fit cannot run anywhere
		DefaultBackgroundWorkQueue queue = startedQueue("a-");
		database().store()
			.insert(NewWork.of("misfit-1", "mail", null, "{\"customer\": \"not a number\"}", Mail.class.getName(), 5));
		queue.enqueue(WorkRequest.of("mail", new Mail(1)));
		awaitState("misfit-1", StoredState.FAILED);
		assertThat(row("misfit-1").attempts()).isEqualTo(1);
		assertThat(row("misfit-1").error()).contains(Mail.class.getName());
	}

	@Test
	void payloadThatCannotBeWrittenIsRefusedAtEnqueueNamingItsType() {
		DefaultBackgroundWorkQueue queue = startedQueue("a-");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> queue.enqueue(WorkRequest.of("anything", new DurableHandlers.Unwritable())))
			.withMessageContaining("'anything'")
			.withMessageContaining(DurableHandlers.Unwritable.class.getName());
	}

	@Test
	void twoQueuesShareTwoThousandItemsEachRunOnce() {
		DefaultBackgroundWorkQueue first = startedQueue("a-");
		startedQueue("b-");
		List<WorkRequest> requests = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			requests.add(WorkRequest.of("shared", new Mail(i)));
		}
		List<WorkHandle> handles = first.enqueueAll(requests);
		assertThat(handles).hasSize(2000);
		await().atMost(Duration.ofSeconds(60)).until(() -> this.handlers.ranOn.size() == 2000);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> database().jdbc()
				.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'SUCCEEDED'",
						Integer.class) == 2000);
		assertThat(this.handlers.runs).hasValue(2000);
		Map<Integer, String> ranOn = this.handlers.ranOn;
		assertThat(ranOn.values()).anyMatch((thread) -> thread.startsWith("a-"))
			.anyMatch((thread) -> thread.startsWith("b-"));
	}

	@Test
	void stubbornWorkKeepsItsClaimAfterTheStopUntilItReturnsThenIsHandedBack() throws Exception {
		DefaultBackgroundWorkQueue stopping = queue("a-", Duration.ofMillis(100));
		stopping.start();
		String first = stopping.enqueue(WorkRequest.of("stuck", new Mail(1))).id();
		String second = stopping.enqueue(WorkRequest.of("stuck", new Mail(2))).id();
		assertThat(this.handlers.blockedStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		String owner = row(first).owner();
		stopping.stop();
		// Their threads ignored the interrupt and still run them: handing them back now
		// would let another instance start them while they run here
		assertThat(row(first).state()).isEqualTo(StoredState.RUNNING);
		assertThat(row(first).owner()).isEqualTo(owner);
		assertThat(row(second).state()).isEqualTo(StoredState.RUNNING);
		startedQueue("b-");
		this.handlers.unblock.countDown();
		awaitState(first, StoredState.SUCCEEDED);
		awaitState(second, StoredState.SUCCEEDED);
		// Handed back once their code returned, not failed: the attempt the stop cut
		// short
		// was given back, and the other queue ran each once more
		assertThat(row(first).attempts()).isEqualTo(1);
		assertThat(row(second).attempts()).isEqualTo(1);
	}

}
