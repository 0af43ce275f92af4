package io.github.backgroundwork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Bad input and misuse: enqueue from inside work, enqueue after close, cancel after the
 * end, handles used from other threads.
 */
class MisuseTests {

	private final List<String> rejections = new CopyOnWriteArrayList<>();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(2)
		.threadNamePrefix("misuse-tests-")
		.listener(new WorkListener() {

			@Override
			public void onRejected(String name, WorkRejectedException ex) {
				MisuseTests.this.rejections.add(name + ":" + ex.getReason());
			}

		}));

	private final ExecutorService otherThreads = Executors.newFixedThreadPool(9);

	@AfterEach
	void close() {
		this.queue.close();
		this.otherThreads.shutdownNow();
	}

	@Test
	void enqueueFromInsideRunningWorkIsAccepted() throws Exception {
		CompletableFuture<WorkHandle> inner = new CompletableFuture<>();
		this.queue.enqueue("outer", (context) -> inner.complete(this.queue.enqueue("inner", (innerContext) -> {
		}))).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		WorkHandle handle = inner.get(5, TimeUnit.SECONDS);
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void enqueueFromInsideWorkDuringTheDrainIsRefusedLikeAnyOther() throws Exception {
		CountDownLatch draining = new CountDownLatch(1);
		CompletableFuture<Throwable> refused = new CompletableFuture<>();
		WorkHandle outer = this.queue.enqueue("outer", (context) -> {
			draining.await();
			try {
				this.queue.enqueue("follow-up", (innerContext) -> {
				});
				refused.complete(null);
			}
			catch (Throwable ex) {
				refused.complete(ex);
			}
		});
		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.queue::close);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.statistics().state() == QueueState.DRAINING);
		draining.countDown();
		closing.get(10, TimeUnit.SECONDS);
		assertThat(refused.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(WorkRejectedException.class,
				(ex) -> assertThat(ex.getReason()).isEqualTo(WorkRejectedException.Reason.SHUTTING_DOWN));
		assertThat(outer.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(this.rejections).containsExactly("follow-up:SHUTTING_DOWN");
		assertThat(this.queue.statistics().totals()).isEqualTo(new WorkTotals(1, 1, 0, 0, 1, 0));
	}

	@Test
	void enqueueAfterCloseIsRefusedWithTheReason() {
		this.queue.close();
		assertThatExceptionOfType(WorkRejectedException.class)
			.isThrownBy(() -> this.queue.enqueue("late", (context) -> {
			}))
			.withMessageContaining("'late'")
			.withMessageContaining("shutting down")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(WorkRejectedException.Reason.SHUTTING_DOWN));
		assertThatExceptionOfType(WorkRejectedException.class)
			.isThrownBy(() -> this.queue.enqueueAsync("late-async", (context) -> CompletableFuture.completedFuture(1)));
		assertThat(this.rejections).containsExactly("late:SHUTTING_DOWN", "late-async:SHUTTING_DOWN");
		assertThat(this.queue.statistics().totals().accepted()).isZero();
		this.queue.close();
		assertThat(this.queue.statistics().state()).isEqualTo(QueueState.TERMINATED);
	}

	@Test
	void cancelOfAFinishedItemReturnsFalseAndChangesNothing() throws Exception {
		WorkHandle handle = this.queue.enqueue("done", (context) -> {
		});
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.cancel()).isFalse();
		assertThat(handle.cancel()).isFalse();
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(this.queue.statistics().totals()).isEqualTo(new WorkTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void handlesWorkFromOtherThreads() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		WorkHandle handle = this.queue.enqueue("shared", (context) -> {
			context.reportProgress(1, 2);
			release.await();
		});
		List<CompletableFuture<Boolean>> readers = IntStream.range(0, 8)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> {
				assertThat(this.queue.find(handle.id())).containsSame(handle);
				assertThat(handle.snapshot().name()).isEqualTo("shared");
				this.queue.snapshot();
				handle.completion().toCompletableFuture().join();
				return handle.state() == WorkState.SUCCEEDED;
			}, this.otherThreads))
			.toList();
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.RUNNING);
		CompletableFuture.runAsync(release::countDown, this.otherThreads).get(5, TimeUnit.SECONDS);
		for (CompletableFuture<Boolean> reader : readers) {
			assertThat(reader.get(5, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(CompletableFuture.supplyAsync(handle::cancel, this.otherThreads).get(5, TimeUnit.SECONDS)).isFalse();
	}

	@Test
	void decoratorFailingOnEnqueueAcceptsNothingAndDoesNotHoldUpClose() {
		DefaultBackgroundWorkQueue failing = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix("misuse-decorator-")
			.drainTimeout(Duration.ofSeconds(10))
			.decorator((item, execution) -> {
				throw new IllegalStateException("no context");
			}));
		assertThatIllegalStateException().isThrownBy(() -> failing.enqueue("decorated", (context) -> {
		})).withMessage("no context");
		assertThat(failing.statistics().totals().accepted()).isZero();
		long start = System.nanoTime();
		failing.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void badInputFromWorkIsRefusedWithTheArgumentNamed() throws Exception {
		CompletableFuture<List<String>> messages = new CompletableFuture<>();
		this.queue.enqueue("bad-input", (context) -> {
			List<String> caught = new CopyOnWriteArrayList<>();
			for (Runnable misuse : List.<Runnable>of(() -> context.onCancellation(null),
					() -> context.reportProgress(-1, 5), () -> context.reportProgress(6, 5))) {
				try {
					misuse.run();
				}
				catch (IllegalArgumentException ex) {
					caught.add(ex.getMessage());
				}
			}
			messages.complete(caught);
		});
		assertThat(messages.get(5, TimeUnit.SECONDS)).satisfiesExactly(
				(message) -> assertThat(message).contains("callback"),
				(message) -> assertThat(message).contains("done"), (message) -> assertThat(message).contains("total"));
		assertThatIllegalArgumentException().isThrownBy(() -> DefaultBackgroundWorkQueue.builder().concurrency(0))
			.withMessageContaining("concurrency");
	}

}
