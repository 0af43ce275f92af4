package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a pause of stored work is kept in the database: it holds on every instance
 * within the poll interval and across a restart, running items finish, enqueue is still
 * accepted, and a resume starts the waiting items at once (on PostgreSQL well within the
 * poll interval, since it notifies every instance).
 */
abstract class AbstractDurablePauseTests {

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	private final Reports reports = new Reports();

	abstract TestDatabase database();

	/**
	 * The poll interval of every queue: long on PostgreSQL, where notifications must do
	 * better.
	 */
	abstract Duration pollInterval();

	@BeforeEach
	void clear() {
		database().clear();
	}

	@AfterEach
	void stopQueues() {
		this.reports.release.countDown();
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	private DefaultBackgroundWorkQueue queue(String prefix, Object... handlers) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(4)
			.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofSeconds(5))
			.handlers(WorkHandlers.of(handlers))
			.durableWork(JdbcDurableWork.factory(database().dataSource(), database().store(), JsonMapper.shared(),
					pollInterval(), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		queue.start();
		if (database().isPostgres()) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> ((JdbcDurableWork) queue.durableWork().orElseThrow()).isListening());
		}
		return queue;
	}

	private StoredWork row(String id) {
		return database().store().reader().findById(id).orElseThrow();
	}

	private static void awaitPaused(DefaultBackgroundWorkQueue queue, PausedWork paused) {
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.paused().equals(paused));
	}

	@Test
	void aPauseOnOneInstanceHoldsOnEveryInstanceAndResumeStartsTheWaitingItemsAtOnce() {
		// The operator's instance has no handler of reports: the other must hear of it
		DefaultBackgroundWorkQueue operator = queue("operator-", new Mails());
		DefaultBackgroundWorkQueue worker = queue("worker-", this.reports, new Mails());
		operator.pause("report");
		awaitPaused(worker, new PausedWork(false, Set.of("report")));
		List<WorkHandle> waiting = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			waiting.add(worker.enqueue(WorkRequest.of("report", new Mail(i))));
		}
		List<WorkHandle> mails = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			mails.add((i % 2 == 0 ? worker : operator).enqueue(WorkRequest.of("mail", new Mail(i))));
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> mails.stream().allMatch((mail) -> row(mail.id()).state() == StoredState.SUCCEEDED));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> this.reports.runs.get() == 0);
		assertThat(waiting).allSatisfy((report) -> {
			assertThat(row(report.id()).state()).isEqualTo(StoredState.QUEUED);
			assertThat(row(report.id()).attempts()).isZero();
		});
		assertThat(database().store().paused(JdbcWorkStore.DEFAULT_QUEUE).names()).containsExactly("report");
		long resumed = System.nanoTime();
		operator.resume("report");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> waiting.stream().allMatch((report) -> row(report.id()).state() == StoredState.SUCCEEDED));
		Duration took = Duration.ofNanos(System.nanoTime() - resumed);
		if (database().isPostgres()) {
			assertThat(took).as("notified, not polled").isLessThan(pollInterval().dividedBy(2));
		}
		assertThat(this.reports.runs).hasValue(10);
		assertThat(worker.paused()).isEqualTo(new PausedWork(false, Set.of()));
	}

	@Test
	void aPauseSurvivesARestart() {
		DefaultBackgroundWorkQueue before = queue("before-", this.reports, new Mails());
		before.pause("report");
		before.stop();
		DefaultBackgroundWorkQueue after = queue("after-", this.reports, new Mails());
		awaitPaused(after, new PausedWork(false, Set.of("report")));
		WorkHandle report = after.enqueue(WorkRequest.of("report", new Mail(1)));
		WorkHandle mail = after.enqueue(WorkRequest.of("mail", new Mail(2)));
		await().atMost(Duration.ofSeconds(20)).until(() -> row(mail.id()).state() == StoredState.SUCCEEDED);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> this.reports.runs.get() == 0);
		assertThat(row(report.id()).state()).isEqualTo(StoredState.QUEUED);
		after.resume("report");
		await().atMost(Duration.ofSeconds(20)).until(() -> row(report.id()).state() == StoredState.SUCCEEDED);
	}

	@Test
	void runningItemsFinishWhenTheirNameIsPausedAndTheNextWait() throws Exception {
		DefaultBackgroundWorkQueue operator = queue("operator-", new Mails());
		DefaultBackgroundWorkQueue worker = queue("worker-", this.reports);
		this.reports.release = new CountDownLatch(1);
		WorkHandle running = worker.enqueue(WorkRequest.of("report", new Mail(1)));
		assertThat(this.reports.started.await(20, TimeUnit.SECONDS)).isTrue();
		operator.pause("report");
		awaitPaused(worker, new PausedWork(false, Set.of("report")));
		WorkHandle next = worker.enqueue(WorkRequest.of("report", new Mail(2)));
		this.reports.release.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> row(running.id()).state() == StoredState.SUCCEEDED);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> this.reports.runs.get() == 1);
		assertThat(row(next.id()).state()).isEqualTo(StoredState.QUEUED);
		assertThat(row(next.id()).attempts()).isZero();
	}

	@Test
	void aPausedQueueAcceptsWorkAndStartsNoneUntilResumed() {
		DefaultBackgroundWorkQueue operator = queue("operator-", new Mails());
		DefaultBackgroundWorkQueue worker = queue("worker-", this.reports, new Mails());
		operator.pauseQueue();
		awaitPaused(worker, new PausedWork(true, Set.of()));
		WorkHandle report = worker.enqueue(WorkRequest.of("report", new Mail(1)));
		WorkHandle mail = operator.enqueue(WorkRequest.of("mail", new Mail(2)));
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(10))
			.until(() -> row(report.id()).state() == StoredState.QUEUED
					&& row(mail.id()).state() == StoredState.QUEUED);
		worker.resumeQueue();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> row(report.id()).state() == StoredState.SUCCEEDED
					&& row(mail.id()).state() == StoredState.SUCCEEDED);
		awaitPaused(operator, new PausedWork(false, Set.of()));
	}

	/**
	 * Reports, counted.
	 */
	static class Reports {

		final AtomicInteger runs = new AtomicInteger();

		final CountDownLatch started = new CountDownLatch(1);

		volatile CountDownLatch release = new CountDownLatch(0);

		@BackgroundWorkHandler("report")
		void report(Mail mail) throws InterruptedException {
			this.runs.incrementAndGet();
			this.started.countDown();
			this.release.await(30, TimeUnit.SECONDS);
		}

	}

	/**
	 * Mails, which nobody pauses.
	 */
	static class Mails {

		@BackgroundWorkHandler("mail")
		void mail(Mail mail) {
		}

	}

}
