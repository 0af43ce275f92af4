package io.github.backgroundwork.typed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.typed.TestHandlers.Mail;
import io.github.backgroundwork.typed.TestHandlers.Picture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a handler's concurrency limit holds, and that items of other names are not
 * starved while items of the limited name wait.
 */
class NameLimitTests {

	private final TestHandlers handlers = new TestHandlers();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(4)
		.threadNamePrefix("name-limit-tests-")
		.handlers(WorkHandlers.of(this.handlers)));

	@AfterEach
	void close() {
		this.handlers.release.countDown();
		this.queue.close();
	}

	@Test
	void neverMoreThanTheLimitRunAndOtherNamesAreNotStarved() throws Exception {
		this.handlers.release = new CountDownLatch(1);
		List<WorkHandle> pictures = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			pictures.add(this.queue.enqueue(WorkRequest.of("picture", new Picture("p" + i))));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.handlers.running.get() == 2);
		// Two places are free, although eighteen pictures wait: a mail takes one at once
		CountDownLatch mailRan = new CountDownLatch(1);
		WorkHandle mail = this.queue.enqueue("other", (context) -> mailRan.countDown());
		assertThat(mailRan.await(5, TimeUnit.SECONDS)).isTrue();
		mail.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(this.handlers.running).hasValue(2);
		assertThat(pictures).filteredOn((handle) -> handle.state() == WorkState.QUEUED).hasSize(18);
		assertThat(this.queue.statistics().queued()).isEqualTo(18);
		// A parked picture can be found, and cancelled
		assertThat(this.queue.find(pictures.get(19).id())).isPresent();
		assertThat(pictures.get(19).cancel()).isTrue();
		this.handlers.release.countDown();
		for (WorkHandle picture : pictures.subList(0, 19)) {
			picture.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
		}
		assertThat(this.handlers.mostRunning).hasValue(2);
		assertThat(pictures.get(19).state()).isEqualTo(WorkState.CANCELLED);
		assertThat(this.queue.statistics().queued()).isZero();
	}

	@Test
	void unlimitedNamesUseEveryPlace() throws Exception {
		this.handlers.release = new CountDownLatch(1);
		for (int i = 0; i < 6; i++) {
			this.queue.enqueue(WorkRequest.of("mail", new Mail("sale", i)));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.statistics().running() == 4);
	}

}
