package io.github.backgroundwork.typed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.typed.TestHandlers.Picture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a paused name, or a paused queue, starts nothing until it is resumed, in
 * memory: enqueue is still accepted, running items finish, other names run, resume starts
 * the waiting items at once within their name's limit, and paused items do not hold a
 * shutdown up.
 */
class PauseTests {

	private final TestHandlers handlers = new TestHandlers();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(4)
		.drainTimeout(Duration.ofSeconds(30))
		.threadNamePrefix("pause-tests-")
		.handlers(WorkHandlers.of(this.handlers)));

	@AfterEach
	void close() {
		this.handlers.release.countDown();
		this.queue.close();
	}

	@Test
	void aPausedNameStartsNothingWhileOtherNamesRunAndResumeStartsItsItemsAtOnce() throws Exception {
		this.queue.pause("report");
		AtomicInteger reportsStarted = new AtomicInteger();
		CountDownLatch reportsDone = new CountDownLatch(10);
		List<WorkHandle> reports = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			reports.add(this.queue.enqueue("report", (context) -> {
				reportsStarted.incrementAndGet();
				reportsDone.countDown();
			}));
		}
		CountDownLatch othersDone = new CountDownLatch(20);
		for (int i = 0; i < 20; i++) {
			this.queue.enqueue("other", (context) -> othersDone.countDown());
		}
		assertThat(othersDone.await(10, TimeUnit.SECONDS)).isTrue();
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> reportsStarted.get() == 0);
		assertThat(reports).allMatch((report) -> report.state() == WorkState.QUEUED);
		assertThat(this.queue.statistics().queued()).isEqualTo(10);
		assertThat(this.queue.paused()).isEqualTo(new PausedWork(false, Set.of("report")));
		this.queue.resume("report");
		assertThat(reportsDone.await(2, TimeUnit.SECONDS)).isTrue();
		assertThat(this.queue.paused().names()).isEmpty();
	}

	@Test
	void runningItemsFinishWhenTheirNameIsPausedAndTheNextWaits() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger secondStarted = new AtomicInteger();
		WorkHandle first = this.queue.enqueue("report", (context) -> {
			started.countDown();
			release.await();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		this.queue.pause("report");
		WorkHandle second = this.queue.enqueue("report", (context) -> secondStarted.incrementAndGet());
		release.countDown();
		first.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(first.state()).isEqualTo(WorkState.SUCCEEDED);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> secondStarted.get() == 0);
		assertThat(second.state()).isEqualTo(WorkState.QUEUED);
		// A paused item can still be cancelled, and counts as queued no more
		assertThat(second.cancel()).isTrue();
		assertThat(second.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(this.queue.statistics().queued()).isZero();
	}

	@Test
	void aPausedQueueStartsNothingNotEvenScheduledItemsThatFallDue() throws Exception {
		this.queue.pauseQueue();
		this.queue.pause("picture");
		WorkHandle mail = this.queue.enqueue(WorkRequest.of("mail", new TestHandlers.Mail("sale", 1)));
		WorkHandle later = this.queue.enqueue(
				WorkRequest.builder("mail", new TestHandlers.Mail("sale", 2)).delay(Duration.ofMillis(100)).build());
		WorkHandle picture = this.queue.enqueue(WorkRequest.of("picture", new Picture("p")));
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.handlers.startedNames.isEmpty());
		assertThat(later.state()).isIn(WorkState.SCHEDULED, WorkState.QUEUED);
		assertThat(this.queue.paused()).isEqualTo(new PausedWork(true, Set.of("picture")));
		this.queue.resumeQueue();
		mail.completion().toCompletableFuture().get(2, TimeUnit.SECONDS);
		later.completion().toCompletableFuture().get(2, TimeUnit.SECONDS);
		// A name paused on its own stays paused when the queue resumes
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.until(() -> picture.state() == WorkState.QUEUED);
		this.queue.resume("picture");
		picture.completion().toCompletableFuture().get(2, TimeUnit.SECONDS);
		assertThat(this.handlers.startedNames).containsExactlyInAnyOrder("mail", "mail", "picture");
	}

	@Test
	void resumeKeepsTheNameLimit() throws Exception {
		this.handlers.release = new CountDownLatch(1);
		this.queue.pause("picture");
		List<WorkHandle> pictures = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			pictures.add(this.queue.enqueue(WorkRequest.of("picture", new Picture("p" + i))));
		}
		this.queue.resume("picture");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.handlers.running.get() == 2);
		// Pausing again while two run and four wait: the two finish, the four wait
		this.queue.pause("picture");
		this.handlers.release.countDown();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> pictures.stream().filter((p) -> p.state() == WorkState.SUCCEEDED).count() == 2);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.handlers.startedNames.size() == 2);
		this.queue.resume("picture");
		for (WorkHandle picture : pictures) {
			picture.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		}
		assertThat(this.handlers.mostRunning).hasValue(2);
	}

	@Test
	void pausedItemsDoNotHoldTheShutdownUp() {
		this.queue.pause("report");
		WorkHandle report = this.queue.enqueue("report", (context) -> {
		});
		long start = System.nanoTime();
		this.queue.close();
		// The drain timeout is 30 s: a paused item waits for an operator, not for it
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(report.state()).isEqualTo(WorkState.ABANDONED);
	}

	@Test
	void aBlankNameIsRefusedNamingTheArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.pause(" ")).withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.resume("")).withMessageContaining("name");
		assertThat(this.queue.paused()).isEqualTo(new PausedWork(false, Set.of()));
	}

}
