package io.github.backgroundwork;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults inside work: each is reported on its item, and the queue, its worker included,
 * keeps working afterwards.
 */
class WorkFaultTests {

	private final List<Throwable> handled = new CopyOnWriteArrayList<>();

	private final List<WorkItemSnapshot> abandoned = new CopyOnWriteArrayList<>();

	private DefaultBackgroundWorkQueue queue = queue((item, error) -> this.handled.add(error));

	@AfterEach
	void close() {
		this.queue.close();
	}

	static Stream<Arguments> faults() {
		return Stream.of(fault("runtime-exception", WorkState.FAILED, IllegalStateException.class, (context) -> {
			throw new IllegalStateException("bad state");
		}), fault("checked-exception", WorkState.FAILED, IOException.class, (context) -> {
			throw new IOException("disk full");
		}), fault("stack-overflow", WorkState.FAILED, StackOverflowError.class, (context) -> recurse(0)),
				fault("error-subclass", WorkState.FAILED, LinkageError.class, (context) -> {
					throw new LinkageError("missing class");
				}),
				fault("interrupts-itself", WorkState.SUCCEEDED, null, (context) -> Thread.currentThread().interrupt()),
				fault("interrupted-without-cancellation", WorkState.FAILED, InterruptedException.class, (context) -> {
					Thread.currentThread().interrupt();
					Thread.sleep(10_000);
				}));
	}

	private static Arguments fault(String name, WorkState state, Class<? extends Throwable> error,
			BackgroundWork work) {
		return Arguments.of(name, state, error, work);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void faultIsReportedOnItsItemAndTheWorkerKeepsWorking(String name, WorkState state,
			Class<? extends Throwable> error, BackgroundWork work) throws Exception {
		String[] workers = new String[2];
		WorkHandle faulty = this.queue.enqueue(name, (context) -> {
			workers[0] = Thread.currentThread().getName();
			work.run(context);
		});
		CompletableFuture<Boolean> interruptedAfterwards = new CompletableFuture<>();
		WorkHandle next = this.queue.enqueue("next", (context) -> {
			workers[1] = Thread.currentThread().getName();
			interruptedAfterwards.complete(Thread.currentThread().isInterrupted());
		});
		next.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(faulty.state()).isEqualTo(state);
		assertThat(next.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(workers[1]).isEqualTo(workers[0]);
		assertThat(interruptedAfterwards.get()).isFalse();
		if (error != null) {
			assertThat(faulty.snapshot().error().type()).isEqualTo(error.getName());
			assertThat(this.handled).singleElement().isInstanceOf(error);
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> faulty.completion().toCompletableFuture().get(5, TimeUnit.SECONDS))
				.withCauseInstanceOf(error);
		}
		else {
			assertThat(faulty.snapshot().error()).isNull();
			assertThat(this.handled).isEmpty();
		}
	}

	@Test
	void cancellationCallbackThatThrowsDoesNotStopCancellation() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		List<String> callbacks = new CopyOnWriteArrayList<>();
		WorkHandle handle = this.queue.enqueue("callbacks", (context) -> {
			context.onCancellation(() -> {
				throw new IllegalStateException("callback failed");
			});
			context.onCancellation(() -> callbacks.add("second"));
			running.countDown();
			while (!context.isCancellationRequested()) {
				Thread.onSpinWait();
			}
		});
		assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(handle.cancel()).isTrue();
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS));
		assertThat(handle.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(callbacks).containsExactly("second");
		assertWorks();
	}

	@Test
	void errorHandlerThatThrowsStillLeavesTheItemFailed() throws Exception {
		this.queue.close();
		this.queue = queue((item, error) -> {
			throw new IllegalStateException("handler failed");
		});
		WorkHandle handle = this.queue.enqueue("failing", (context) -> {
			throw new IOException("disk full");
		});
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(IOException.class);
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
		assertThat(this.queue.statistics().totals().failed()).isOne();
		assertWorks();
	}

	@Test
	void asyncWorkReturningNullFailsWithAClearMessage() throws Exception {
		WorkHandle handle = this.queue.enqueueAsync("null-stage", (context) -> null);
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS))
			.withMessageContaining("returned a null CompletionStage");
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
		assertWorks();
	}

	@Test
	void asyncWorkWhoseStageNeverCompletesIsAbandonedAtTheDeadlineAndReported() throws Exception {
		WorkHandle handle = this.queue.enqueueAsync("never-completes", (context) -> new CompletableFuture<>());
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.RUNNING);
		// The stage holds the only place: the next item waits for it, until the deadline
		WorkHandle waiting = this.queue.enqueue("waiting", (context) -> {
		});
		long start = System.nanoTime();
		this.queue.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(380),
				Duration.ofSeconds(3));
		assertThat(waiting.state()).isEqualTo(WorkState.ABANDONED);
		assertThat(this.abandoned).hasSize(2).last().satisfies((item) -> {
			assertThat(item.id()).isEqualTo(handle.id());
			assertThat(item.name()).isEqualTo("never-completes");
			assertThat(item.abandoned()).isTrue();
			assertThat(item.startedAt()).isNotNull();
		});
		// Read through handle(): from Java 23, get() wraps a cancellation in a new one
		assertThat(
				handle.completion().handle((result, failure) -> failure).toCompletableFuture().get(5, TimeUnit.SECONDS))
			.isInstanceOf(WorkAbandonedException.class);
		WorkTotals totals = this.queue.statistics().totals();
		assertThat(totals.abandoned()).isEqualTo(2);
		assertThat(totals.succeeded() + totals.failed() + totals.cancelled() + totals.abandoned())
			.isEqualTo(totals.accepted());
	}

	private void assertWorks() throws Exception {
		WorkHandle next = this.queue.enqueue("next", (context) -> {
		});
		next.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(next.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	private DefaultBackgroundWorkQueue queue(WorkErrorHandler errorHandler) {
		return TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.threadNamePrefix("work-fault-tests-")
			.drainTimeout(Duration.ofMillis(200))
			.cancellationGrace(Duration.ofMillis(200))
			.errorHandler(errorHandler)
			.listener(new WorkListener() {

				@Override
				public void onAbandoned(List<WorkItemSnapshot> items) {
					WorkFaultTests.this.abandoned.addAll(items);
				}

			}));
	}

	private static int recurse(int depth) {
		return recurse(depth + 1) + 1;
	}

}
