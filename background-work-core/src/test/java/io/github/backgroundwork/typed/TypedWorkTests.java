package io.github.backgroundwork.typed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.typed.TestHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of typed work: a request runs on its handler with its payload, a batch is taken
 * all or none, and bad requests are refused naming the culprit.
 */
class TypedWorkTests {

	private final TestHandlers handlers = new TestHandlers();

	private DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(2)
		.capacity(10)
		.threadNamePrefix("typed-tests-")
		.handlers(WorkHandlers.of(this.handlers)));

	@AfterEach
	void close() {
		this.handlers.release.countDown();
		this.queue.close();
	}

	@Test
	void requestRunsOnItsHandlerWithItsPayload() throws Exception {
		Mail mail = new Mail("sale", 7);
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("mail", mail));
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(this.handlers.sent).containsExactly(mail);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(handle.isDuplicate()).isFalse();
		assertThat(handle.snapshot().attempts()).isOne();
		assertThat(handle.snapshot().request()).isEqualTo(WorkRequest.of("mail", mail));
	}

	@Test
	void asyncHandlerEndsWhenItsStageEnds() throws Exception {
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("async-mail", new Mail("sale", 1)));
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void unknownNameIsRefusedNamingTheKnownHandlers() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueue(WorkRequest.of("fax", "x")))
			.withMessageContaining("'fax'")
			.withMessageContaining("mail")
			.withMessageContaining("picture");
	}

	@Test
	void payloadOfTheWrongTypeIsRefusedNamingBothTypes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueue(WorkRequest.of("mail", "not a mail")))
			.withMessageContaining("String")
			.withMessageContaining("Mail");
	}

	@Test
	void badRequestInABatchIsNamedByItsIndexAndNothingIsTaken() {
		List<WorkRequest> requests = List.of(WorkRequest.of("mail", new Mail("sale", 1)),
				WorkRequest.of("mail", "not a mail"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueueAll(requests))
			.withMessageStartingWith("Request 1: ");
		assertThat(this.queue.statistics().totals().accepted()).isZero();
	}

	@Test
	void enqueueAllIsAllOrNoneAtCapacity() throws Exception {
		this.handlers.release = new CountDownLatch(1);
		// Two run and wait, eight wait in the queue of ten
		List<WorkRequest> first = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			first.add(WorkRequest.of("mail", new Mail("first", i)));
		}
		List<WorkHandle> accepted = this.queue.enqueueAll(first);
		assertThat(accepted).hasSize(10);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.statistics().running() == 2);
		List<WorkRequest> second = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			second.add(WorkRequest.builder("mail", new Mail("second", i)).key("second:" + i).build());
		}
		assertThatExceptionOfType(WorkRejectedException.class).isThrownBy(() -> this.queue.enqueueAll(second))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(WorkRejectedException.Reason.CAPACITY))
			.withMessageContaining("request 2 of 3")
			.withMessageContaining("key second:2")
			.withMessageContaining("none of them was taken");
		assertThat(this.queue.statistics().queued()).isEqualTo(8);
		this.handlers.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.statistics().totals().succeeded() == 10);
		assertThat(this.handlers.sent).extracting(Mail::campaign).containsOnly("first");
		// With room again, the whole batch is taken
		List<WorkHandle> later = this.queue.enqueueAll(second);
		for (WorkHandle handle : later) {
			handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		}
		assertThat(this.handlers.sent).filteredOn((mail) -> mail.campaign().equals("second")).hasSize(3);
	}

}
