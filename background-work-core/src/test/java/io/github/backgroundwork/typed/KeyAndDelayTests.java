package io.github.backgroundwork.typed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.typed.TestHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a key yields one live item, even under concurrent enqueues, and that a
 * delayed item waits scheduled, holding no thread, and starts at its time.
 */
class KeyAndDelayTests {

	private final TestHandlers handlers = new TestHandlers();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(2)
		.threadNamePrefix("key-delay-tests-")
		.handlers(WorkHandlers.of(this.handlers)));

	@AfterEach
	void close() {
		this.handlers.release.countDown();
		this.queue.close();
	}

	@Test
	void concurrentEnqueuesOfOneKeyFromEightThreadsYieldOneItem() throws Exception {
		this.handlers.release = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			CyclicBarrier start = new CyclicBarrier(8);
			AtomicInteger duplicates = new AtomicInteger();
			Set<String> ids = ConcurrentHashMap.newKeySet();
			List<Future<?>> calls = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				calls.add(callers.submit(() -> {
					start.await();
					for (int round = 0; round < 100; round++) {
						WorkHandle handle = this.queue
							.enqueue(WorkRequest.builder("mail", new Mail("sale", 42)).key("sale:42").build());
						ids.add(handle.id());
						if (handle.isDuplicate()) {
							duplicates.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> call : calls) {
				call.get(10, TimeUnit.SECONDS);
			}
			assertThat(ids).hasSize(1);
			assertThat(duplicates).hasValue(799);
			assertThat(this.queue.statistics().totals().accepted()).isOne();
		}
		finally {
			callers.shutdownNow();
		}
		this.handlers.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.handlers.sent.size() == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.statistics().running() == 0);
		// Once the item has ended, the key is free again
		WorkHandle again = this.queue.enqueue(WorkRequest.builder("mail", new Mail("sale", 42)).key("sale:42").build());
		assertThat(again.isDuplicate()).isFalse();
		again.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(this.handlers.sent).hasSize(2);
	}

	@Test
	void duplicateKeysInOneBatchYieldOneItem() throws Exception {
		List<WorkHandle> handles = this.queue
			.enqueueAll(List.of(WorkRequest.builder("mail", new Mail("a", 1)).key("k").build(),
					WorkRequest.builder("mail", new Mail("a", 1)).key("k").build(),
					WorkRequest.builder("mail", new Mail("a", 2)).key("other").build()));
		assertThat(handles).extracting(WorkHandle::isDuplicate).containsExactly(false, true, false);
		assertThat(handles.get(1).id()).isEqualTo(handles.get(0).id());
		handles.get(0).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		handles.get(2).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(this.handlers.sent).hasSize(2);
	}

	@Test
	void delayedItemIsScheduledThenRunsAtItsTime() throws Exception {
		Instant before = Instant.now();
		WorkHandle delayed = this.queue
			.enqueue(WorkRequest.builder("mail", new Mail("later", 1)).delay(Duration.ofSeconds(1)).build());
		// A second: long enough that no pause of a slow machine makes it due before the
		// checks below
		assertThat(delayed.state()).isEqualTo(WorkState.SCHEDULED);
		assertThat(delayed.snapshot().notBefore()).isAfterOrEqualTo(before.plusMillis(999));
		assertThat(this.queue.statistics().scheduled()).isOne();
		assertThat(this.queue.statistics().running()).isZero();
		// An item without delay does not wait behind it
		WorkHandle now = this.queue.enqueue(WorkRequest.of("mail", new Mail("now", 2)));
		now.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(delayed.state()).isEqualTo(WorkState.SCHEDULED);
		delayed.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		Instant startedAt = delayed.snapshot().startedAt();
		Instant notBefore = delayed.snapshot().notBefore();
		assertThat(startedAt).isAfterOrEqualTo(notBefore);
		// Started within milliseconds of its time: a worker waits for it, nothing polls
		assertThat(Duration.between(notBefore, startedAt)).isLessThan(Duration.ofMillis(200));
		assertThat(this.handlers.sent).extracting(Mail::campaign).containsExactly("now", "later");
		// Waited from when it was due, not from enqueue
		assertThat(delayed.waitTime()).isLessThan(Duration.ofMillis(250));
	}

	@Test
	void aBatchMixingDelayedAndDueRequestsSchedulesEachDelayedOneFromNow() throws Exception {
		Instant before = Instant.now();
		List<WorkHandle> handles = this.queue.enqueueAll(List.of(
				WorkRequest.builder("mail", new Mail("past", 1)).notBefore(before.minusSeconds(60)).build(),
				WorkRequest.builder("mail", new Mail("in a second", 2)).delay(Duration.ofSeconds(1)).build(),
				WorkRequest.of("mail", new Mail("now", 3)),
				WorkRequest.builder("mail", new Mail("at a time", 4)).notBefore(before.plusSeconds(1)).build()));
		// The clocks are read at the first request with a time, which here is due: the
		// delayed ones after it are still timed from now
		assertThat(handles.get(1).state()).isEqualTo(WorkState.SCHEDULED);
		assertThat(handles.get(3).state()).isEqualTo(WorkState.SCHEDULED);
		assertThat(handles.get(1).snapshot().notBefore()).isAfterOrEqualTo(before.plusMillis(999));
		assertThat(handles.get(3).snapshot().notBefore()).isAfterOrEqualTo(before.plusMillis(900));
		handles.get(0).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		handles.get(2).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		handles.get(1).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		handles.get(3).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(this.handlers.sent.subList(0, 2)).extracting(Mail::campaign)
			.containsExactlyInAnyOrder("past", "now");
		assertThat(this.handlers.sent.subList(2, 4)).extracting(Mail::campaign)
			.containsExactlyInAnyOrder("in a second", "at a time");
		assertThat(handles.get(1).snapshot().startedAt()).isAfterOrEqualTo(handles.get(1).snapshot().notBefore());
	}

	@Test
	void notBeforeInThePastRunsAtOnce() throws Exception {
		WorkHandle handle = this.queue.enqueue(
				WorkRequest.builder("mail", new Mail("past", 1)).notBefore(Instant.now().minusSeconds(60)).build());
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
	}

}
