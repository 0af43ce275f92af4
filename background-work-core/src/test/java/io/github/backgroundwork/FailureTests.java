package io.github.backgroundwork;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for work that fails.
 */
class FailureTests {

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(1)
		.threadNamePrefix("failure-tests-")
		.errorHandler((item, error) -> this.handled.add(item.name() + ":" + error.getMessage())));

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void failureIsIsolatedAndTheWorkerKeepsWorking() throws Exception {
		WorkHandle failing = this.queue.enqueue("failing", (context) -> {
			throw new IOException("disk full");
		});
		WorkHandle next = this.queue.enqueue("next", (context) -> {
		});
		next.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(failing.state()).isEqualTo(WorkState.FAILED);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> failing.completion().toCompletableFuture().get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(IOException.class);
		assertThat(failing.snapshot().error()).extracting(WorkError::type, WorkError::message)
			.containsExactly("java.io.IOException", "disk full");
		assertThat(this.handled).containsExactly("failing:disk full");
		assertThat(this.queue.statistics().totals()).isEqualTo(new WorkTotals(2, 1, 1, 0, 0, 0));
	}

	@Test
	void errorsAreCaughtToo() throws Exception {
		WorkHandle failing = this.queue.enqueue("overflow", (context) -> {
			throw new StackOverflowError("deep");
		});
		this.queue.enqueue("next", (context) -> {
		}).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(failing.state()).isEqualTo(WorkState.FAILED);
		assertThat(this.handled).containsExactly("overflow:deep");
	}

	@Test
	void interruptWithoutCancellationIsAFailure() throws Exception {
		WorkHandle failing = this.queue.enqueue("self-interrupt", (context) -> {
			Thread.currentThread().interrupt();
			new java.util.concurrent.CountDownLatch(1).await();
		});
		this.queue.enqueue("next", (context) -> {
		}).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(failing.state()).isEqualTo(WorkState.FAILED);
		assertThat(failing.snapshot().error().type()).isEqualTo(InterruptedException.class.getName());
	}

}
