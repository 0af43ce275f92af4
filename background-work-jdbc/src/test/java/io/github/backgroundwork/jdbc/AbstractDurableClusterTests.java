package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkListener;
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
 * Several instances on one database, seen through the queue's public API: who claims
 * what, keys enforced across instances, and what a durable item's failed attempts tell
 * the error handler and the listeners.
 */
abstract class AbstractDurableClusterTests {

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

	private DefaultBackgroundWorkQueue queue(String prefix, Object handlers,
			DefaultBackgroundWorkQueue.Builder builder) {
		return queue(prefix, handlers, builder, database().dataSource());
	}

	private DefaultBackgroundWorkQueue queue(String prefix, Object handlers, DefaultBackgroundWorkQueue.Builder builder,
			DataSource dataSource) {
		DefaultBackgroundWorkQueue queue = builder.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofSeconds(5))
			.cancellationGrace(Duration.ofMillis(100))
			.handlers(WorkHandlers.of(handlers))
			.retryPolicy(WorkRetryPolicy.builder().delay(Duration.ofMillis(20)).jitter(Duration.ZERO).build())
			.durableWork(JdbcDurableWork.factory(dataSource,
					JdbcWorkStore.builder(dataSource).lease(Duration.ofSeconds(5)).build(), JsonMapper.shared(),
					Duration.ofMillis(200), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		return queue;
	}

	private DefaultBackgroundWorkQueue queue(String prefix) {
		return queue(prefix, this.handlers, DefaultBackgroundWorkQueue.builder().concurrency(2));
	}

	private StoredWork row(String id) {
		return database().store().reader().findById(id).orElseThrow();
	}

	@Test
	void failedAttemptsWithRetriesLeftAreRetriesAndOnlyTheLastReachesTheErrorHandler() {
		List<String> errors = new CopyOnWriteArrayList<>();
		List<Duration> retries = new CopyOnWriteArrayList<>();
		List<String> finished = new CopyOnWriteArrayList<>();
		WorkListener listener = new WorkListener() {

			@Override
			public void onRetrying(WorkInfo item, Throwable failure, Duration delay) {
				retries.add(delay);
			}

			@Override
			public void onFinished(WorkInfo item) {
				finished.add(item.id() + " " + item.state());
			}

		};
		DefaultBackgroundWorkQueue queue = queue("a-", this.handlers,
				DefaultBackgroundWorkQueue.builder()
					.errorHandler((item, failure) -> errors.add(item.id() + " " + failure.getMessage()))
					.listener(listener));
		queue.start();
		WorkHandle handle = queue.enqueue(WorkRequest.builder("flaky", new Mail(7)).maxRetries(2).build());
		await().atMost(Duration.ofSeconds(10)).until(() -> row(handle.id()).state() == StoredState.FAILED);
		await().atMost(Duration.ofSeconds(5)).until(() -> !errors.isEmpty());
		assertThat(this.handlers.failures).hasValue(3);
		assertThat(errors).containsExactly(handle.id() + " SMTP down for 7");
		assertThat(retries).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
		assertThat(finished).containsExactly(handle.id() + " FAILED");
		assertThat(queue.statistics().totals().failed()).as("attempts retried are not failed items").isEqualTo(1);
	}

	@Test
	void instanceClaimsOnlyTheNamesItHasHandlersFor() {
		Reports reports = new Reports();
		DefaultBackgroundWorkQueue mailer = queue("mailer-");
		DefaultBackgroundWorkQueue reporter = queue("reporter-", reports, DefaultBackgroundWorkQueue.builder());
		WorkHandle report = reporter.enqueue(WorkRequest.of("report", new Mail(1)));
		WorkHandle mail = mailer.enqueue(WorkRequest.of("mail", new Mail(2)));
		mailer.start();
		// Due first, the report would have been claimed before the mail by a claimer of
		// every name
		await().atMost(Duration.ofSeconds(10)).until(() -> row(mail.id()).state() == StoredState.SUCCEEDED);
		assertThat(row(report.id()).state()).isEqualTo(StoredState.QUEUED);
		assertThat(row(report.id()).attempts()).isZero();
		reporter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> row(report.id()).state() == StoredState.SUCCEEDED);
		assertThat(reports.ranOn).singleElement().asString().startsWith("reporter-");
		assertThat(this.handlers.ranOn).containsOnlyKeys(2);
	}

	@Test
	void keyYieldsOneLiveItemWhenTwoInstancesEnqueueItAtOnce() throws Exception {
		DefaultBackgroundWorkQueue first = queue("a-");
		DefaultBackgroundWorkQueue second = queue("b-");
		int callers = 16;
		CyclicBarrier barrier = new CyclicBarrier(callers);
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			List<CompletableFuture<WorkHandle>> enqueued = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				DefaultBackgroundWorkQueue queue = (i % 2 == 0) ? first : second;
				enqueued.add(CompletableFuture.supplyAsync(() -> {
					awaitAll(barrier);
					return queue.enqueue(WorkRequest.builder("mail", new Mail(1)).key("campaign:1").build());
				}, executor));
			}
			List<WorkHandle> handles = enqueued.stream().map(CompletableFuture::join).toList();
			assertThat(handles).extracting(WorkHandle::id).containsOnly(handles.get(0).id());
			assertThat(handles).filteredOn((handle) -> !handle.isDuplicate()).hasSize(1);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(database().jdbc().queryForObject("SELECT COUNT(*) FROM background_work", Integer.class))
			.isEqualTo(1);
		first.start();
		second.start();
		// The key is free once the row has ended, a moment after the handler returned
		String id = database().jdbc().queryForObject("SELECT id FROM background_work", String.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> row(id).state() == StoredState.SUCCEEDED);
		assertThat(this.handlers.runs).hasValue(1);
		WorkHandle again = second.enqueue(WorkRequest.builder("mail", new Mail(2)).key("campaign:1").build());
		assertThat(again.isDuplicate()).as("an ended item frees its key").isFalse();
	}

	@Test
	void delayedItemWaitsScheduledInTheTableAndStartsOnceDueByTheDatabasesClock() {
		DefaultBackgroundWorkQueue queue = queue("a-");
		WorkHandle handle = queue
			.enqueue(WorkRequest.builder("mail", new Mail(3)).delay(Duration.ofMillis(700)).build());
		StoredWork waiting = row(handle.id());
		assertThat(waiting.state()).isEqualTo(StoredState.SCHEDULED);
		assertThat(Duration.between(waiting.enqueuedAt(), waiting.notBefore())).isEqualTo(Duration.ofMillis(700));
		assertThat(handle.state()).isEqualTo(WorkState.SCHEDULED);
		// Started only now, so that no claim can come before the reads above however slow
		// they are
		queue.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> row(handle.id()).state() == StoredState.SUCCEEDED);
		StoredWork done = row(handle.id());
		assertThat(done.startedAt()).isAfterOrEqualTo(done.notBefore());
		assertThat(done.attempts()).isEqualTo(1);
	}

	@Test
	void queueBorrowsAtMostOneConnectionBesidesItsListenerWhileItRunsManyItems() {
		CountingDataSource dataSource = new CountingDataSource(database().dataSource());
		DefaultBackgroundWorkQueue queue = queue("a-", this.handlers,
				DefaultBackgroundWorkQueue.builder().concurrency(8), dataSource);
		List<WorkRequest> requests = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			requests.add(WorkRequest.of("mail", new Mail(i)));
		}
		queue.enqueueAll(requests);
		queue.start();
		// Generous: this test counts connections, not speed, and runs beside other
		// classes
		await().atMost(Duration.ofSeconds(90)).until(() -> this.handlers.runs.get() == 500);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> database().jdbc()
				.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'SUCCEEDED'",
						Integer.class) == 500);
		// The claimer's statements, one at a time, and on PostgreSQL the listener's
		// connection, held for good
		int listener = database().isPostgres() ? 1 : 0;
		assertThat(dataSource.mostBorrowedAtOnce()).isBetween(1, 1 + listener);
	}

	private static void awaitAll(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Handlers of another name, as another service of the cluster has.
	 */
	static class Reports {

		final Set<String> ranOn = ConcurrentHashMap.newKeySet();

		final AtomicInteger runs = new AtomicInteger();

		@BackgroundWorkHandler("report")
		void report(Mail mail) {
			this.runs.incrementAndGet();
			this.ranOn.add(Thread.currentThread().getName());
		}

	}

}
