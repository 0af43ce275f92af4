package io.github.backgroundwork;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tests for enqueueing work and following it to its end.
 */
class EnqueueTests {

	private final DefaultBackgroundWorkQueue queue = TestQueues
		.started(DefaultBackgroundWorkQueue.builder().concurrency(2).threadNamePrefix("enqueue-tests-"));

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void workRunsOnAQueueThreadAndSucceeds() throws Exception {
		AtomicReference<String> thread = new AtomicReference<>();
		WorkHandle handle = this.queue.enqueue("greet", (context) -> thread.set(Thread.currentThread().getName()));
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(thread.get()).startsWith("enqueue-tests-");
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(handle.name()).isEqualTo("greet");
		assertThat(this.queue.statistics().totals().succeeded()).isEqualTo(1);
	}

	@Test
	void defaultNameIsLowCardinality() {
		WorkHandle first = this.queue.enqueue((context) -> {
		});
		WorkHandle second = this.queue.enqueue((context) -> {
		});
		assertThat(first.name()).isEqualTo(second.name()).isEqualTo(BackgroundWorkQueue.DEFAULT_NAME);
		assertThat(first.id()).isNotEqualTo(second.id());
	}

	@Test
	void asyncWorkEndsWhenItsStageEnds() throws Exception {
		CompletableFuture<String> stage = new CompletableFuture<>();
		WorkHandle handle = this.queue.enqueueAsync("thumbnail", (context) -> stage);
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.RUNNING);
		assertThat(handle.completion().toCompletableFuture()).isNotDone();
		stage.complete("done");
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void asyncWorkFailsWhenItsStageFails() {
		WorkHandle handle = this.queue.enqueueAsync("thumbnail",
				(context) -> CompletableFuture.failedFuture(new IllegalStateException("bad image")));
		assertThatThrownBy(() -> handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class)
			.hasRootCauseMessage("bad image");
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
		assertThat(handle.snapshot().error()).extracting(WorkError::type, WorkError::message)
			.containsExactly("java.lang.IllegalStateException", "bad image");
	}

	@Test
	void asyncWorkReturningNullFails() {
		WorkHandle handle = this.queue.enqueueAsync("thumbnail", (context) -> null);
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.FAILED);
		assertThat(handle.snapshot().error().message()).contains("returned a null CompletionStage");
	}

	@Test
	void progressIsVisibleWhileRunning() throws Exception {
		CountDownLatch reported = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WorkHandle handle = this.queue.enqueue("customer-mail", (context) -> {
			context.reportProgress(3, 10);
			reported.countDown();
			release.await();
		});
		assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(handle.snapshot().progress()).isEqualTo(new WorkProgress(3, 10));
		assertThat(handle.snapshot().startedAt()).isNotNull();
		assertThat(handle.snapshot().finishedAt()).isNull();
		release.countDown();
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.snapshot().finishedAt()).isNotNull();
	}

	@Test
	void blankNameIsRefusedWithTheArgumentNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueue(" ", (context) -> {
		})).withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueue(null, (context) -> {
		})).withMessageContaining("name");
	}

	@Test
	void nullWorkIsRefusedWithTheArgumentNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueue("x", null))
			.withMessageContaining("work");
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueueAsync("x", null))
			.withMessageContaining("work");
		assertThat(this.queue.statistics().totals().accepted()).isZero();
	}

	@Test
	void badProgressIsRefusedWithTheArgumentNamed() throws Exception {
		CompletableFuture<Throwable> thrown = new CompletableFuture<>();
		this.queue.enqueue("progress", (context) -> {
			try {
				context.reportProgress(5, 3);
			}
			catch (IllegalArgumentException ex) {
				thrown.complete(ex);
			}
		});
		assertThat(thrown.get(5, TimeUnit.SECONDS)).hasMessageContaining("total");
	}

	@Test
	void findsInFlightAndRecentItemsById() throws Exception {
		WorkHandle handle = this.queue.enqueue("find", (context) -> {
		});
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(this.queue.find(handle.id())).containsSame(handle);
		assertThat(this.queue.find("nope")).isEmpty();
		assertThat(this.queue.find("123456")).isEmpty();
		assertThat(this.queue.snapshot().recent()).extracting(WorkItemSnapshot::id).containsExactly(handle.id());
	}

	@Test
	void everyAcceptedItemCanBeFoundByItsIdAtOnce() {
		for (int i = 0; i < 20_000; i++) {
			WorkHandle handle = this.queue.enqueue("found", (context) -> {
			});
			assertThat(this.queue.find(handle.id())).as("item %s", handle.id()).containsSame(handle);
		}
	}

}
