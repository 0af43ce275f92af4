package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkFailedException;
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

/**
 * {@code completion()} of a stored item's handle: it completes once the row shows the
 * end, wherever the item ran, as the memory handle's does when the item ends.
 */
abstract class AbstractStoredCompletionTests {

	private static final Duration POLL = Duration.ofMillis(200);

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

	private DefaultBackgroundWorkQueue queue(String prefix) {
		return queue(prefix, this.handlers);
	}

	private DefaultBackgroundWorkQueue queue(String prefix, Object handlers) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix(prefix)
			.concurrency(2)
			.drainTimeout(Duration.ofSeconds(5))
			.cancellationGrace(Duration.ofMillis(100))
			.handlers(WorkHandlers.of(handlers))
			.retryPolicy(WorkRetryPolicy.builder().delay(Duration.ofMillis(20)).jitter(Duration.ZERO).build())
			.durableWork(JdbcDurableWork.factory(database().dataSource(),
					JdbcWorkStore.builder(database().dataSource()).lease(Duration.ofSeconds(5)).build(),
					JsonMapper.shared(), POLL, Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		return queue;
	}

	private static Throwable failureOf(CompletionStage<Void> stage) throws Exception {
		try {
			stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("the stage completed normally");
	}

	@Test
	void completesOnceTheRowShowsTheSuccessOfAnItemThatRanHere() throws Exception {
		DefaultBackgroundWorkQueue queue = queue("here-");
		queue.start();
		WorkHandle handle = queue.enqueue(WorkRequest.of("mail", new Mail(1)));
		handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
		// As in memory: once the stage completes, the handle tells the end
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(this.handlers.ranOn).containsOnlyKeys(1);
		assertThat(handle.completion().toCompletableFuture()).isCompleted();
	}

	@Test
	void completesForAnItemThatAnotherInstanceRan() throws Exception {
		DefaultBackgroundWorkQueue runner = queue("runner-");
		DefaultBackgroundWorkQueue observer = queue("observer-", new Reports());
		WorkHandle enqueued = runner.enqueue(WorkRequest.of("mail", new Mail(2)));
		observer.start();
		// The observer has no handler for mails: it never claims this one
		CompletableFuture<Void> completion = observer.find(enqueued.id())
			.orElseThrow()
			.completion()
			.toCompletableFuture();
		assertThat(completion).isNotDone();
		runner.start();
		completion.get(10, TimeUnit.SECONDS);
		assertThat(this.handlers.ranOn).hasEntrySatisfying(2, (thread) -> assertThat(thread).startsWith("runner-"));
		assertThat(enqueued.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void failsWhenThisQueueStopsFirstAndTheItemStaysStored() throws Exception {
		DefaultBackgroundWorkQueue enqueuer = queue("enqueuer-");
		DefaultBackgroundWorkQueue observer = queue("observer-", new Reports());
		WorkHandle handle = enqueuer.enqueue(WorkRequest.of("mail", new Mail(9)));
		observer.start();
		WorkHandle seen = observer.find(handle.id()).orElseThrow();
		CompletionStage<Void> completion = seen.completion();
		observer.stop();
		assertThat(failureOf(completion)).isInstanceOf(IllegalStateException.class)
			.hasMessage("Background work 'mail' (" + handle.id()
					+ ") had not ended when this queue stopped: it stays stored, and runs on another instance "
					+ "or after a restart; read its state from the store");
		assertThat(failureOf(seen.completion())).as("asked for after the stop")
			.isInstanceOf(IllegalStateException.class);
		assertThat(handle.state()).isEqualTo(WorkState.QUEUED);
		enqueuer.start();
		handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
		assertThat(this.handlers.ranOn).containsOnlyKeys(9);
	}

	@Test
	void failsWithTheStoredReasonAfterTheLastAttempt() throws Exception {
		DefaultBackgroundWorkQueue queue = queue("failing-");
		queue.start();
		WorkHandle handle = queue.enqueue(WorkRequest.builder("flaky", new Mail(3)).maxRetries(1).build());
		assertThat(failureOf(handle.completion())).isInstanceOf(WorkFailedException.class)
			.hasMessage("Background work 'flaky' (" + handle.id()
					+ ") failed after 2 attempt(s): java.lang.IllegalStateException: SMTP down for 3");
		assertThat(this.handlers.failures).hasValue(2);
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
	}

	@Test
	void failsWithCancellationWhenTheItemIsCancelled() throws Exception {
		DefaultBackgroundWorkQueue queue = queue("cancel-");
		queue.start();
		WorkHandle waiting = queue.enqueue(WorkRequest.builder("mail", new Mail(4)).delay(Duration.ofHours(1)).build());
		CompletionStage<Void> waitingEnd = waiting.completion();
		// A caller completes its own copy only: the handle's stage is the row's to settle
		assertThat(waitingEnd.toCompletableFuture().complete(null)).isTrue();
		assertThat(waitingEnd.toCompletableFuture()).isNotDone();
		assertThat(waiting.cancel()).isTrue();
		assertThat(failureOf(waitingEnd)).isInstanceOf(CancellationException.class)
			.hasMessageContaining(waiting.id())
			.hasMessageContaining("was cancelled");

		WorkHandle running = queue.enqueue(WorkRequest.of("patient", new Mail(5)));
		CompletionStage<Void> runningEnd = running.completion();
		assertThat(this.handlers.patientStarted.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(runningEnd.toCompletableFuture()).isNotDone();
		assertThat(running.cancel()).isTrue();
		assertThat(failureOf(runningEnd)).isInstanceOf(CancellationException.class);
		assertThat(running.state()).isEqualTo(WorkState.CANCELLED);
	}

	@Test
	void isWatchedFromTheCommitOfTheEnqueuingTransaction() throws Exception {
		DefaultBackgroundWorkQueue queue = queue("tx-");
		queue.start();
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(database().dataSource()));
		CompletionStage<Void> committed = transactions.execute((status) -> {
			WorkHandle handle = queue.enqueue(WorkRequest.of("mail", new Mail(6)));
			// Asked for before the commit, while no other connection sees the row
			CompletionStage<Void> completion = handle.completion();
			assertThat(completion.toCompletableFuture()).isNotDone();
			return completion;
		});
		committed.toCompletableFuture().get(10, TimeUnit.SECONDS);
		assertThat(this.handlers.ranOn).containsOnlyKeys(6);

		WorkHandle[] rolledBack = new WorkHandle[1];
		CompletionStage<Void> never = transactions.execute((status) -> {
			rolledBack[0] = queue.enqueue(WorkRequest.of("mail", new Mail(7)));
			status.setRollbackOnly();
			return rolledBack[0].completion();
		});
		assertThat(failureOf(never)).isInstanceOf(IllegalStateException.class)
			.hasMessage("Background work 'mail' (" + rolledBack[0].id()
					+ ") was never stored: the transaction that enqueued it rolled back");
		assertThat(database().store().reader().findById(rolledBack[0].id())).isEmpty();
	}

	@Test
	void failsWhenTheRowIsDeleted() throws Exception {
		DefaultBackgroundWorkQueue queue = queue("deleted-");
		queue.start();
		WorkHandle handle = queue.enqueue(WorkRequest.builder("mail", new Mail(8)).delay(Duration.ofHours(1)).build());
		CompletionStage<Void> completion = handle.completion();
		database().clear();
		assertThat(failureOf(completion)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(handle.id())
			.hasMessageContaining("no longer stored");
	}

	/**
	 * Handlers of another kind of work only.
	 */
	static class Reports {

		@BackgroundWorkHandler("report")
		void report(Mail mail) {
		}

	}

}
