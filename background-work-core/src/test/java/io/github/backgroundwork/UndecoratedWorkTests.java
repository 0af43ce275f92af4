package io.github.backgroundwork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of items a {@link WorkDecorator} leaves undecorated, by returning the execution
 * unchanged: the work runs, and the decorator's {@link WorkDecorator#afterUndecorated}
 * runs right after it on the same thread, after each attempt, and only for the items it
 * left undecorated; what it throws fails the item.
 */
class UndecoratedWorkTests {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private DefaultBackgroundWorkQueue queue;

	@AfterEach
	void close() {
		if (this.queue != null) {
			this.queue.close();
		}
	}

	@Test
	void afterUndecoratedRunsRightAfterTheWorkOnItsThread() throws Exception {
		start(DefaultBackgroundWorkQueue.builder().decorator(new Declines("d")));
		WorkHandle first = this.queue.enqueue("first",
				(context) -> this.events.add("work first on " + Thread.currentThread().getName()));
		WorkHandle second = this.queue.enqueue("second",
				(context) -> this.events.add("work second on " + Thread.currentThread().getName()));
		TestQueues.awaitEnd(first);
		TestQueues.awaitEnd(second);
		String worker = this.events.get(0).substring("work first on ".length());
		assertThat(worker).startsWith("undecorated-tests-");
		assertThat(this.events).containsExactly("work first on " + worker, "d after first on " + worker,
				"work second on " + worker, "d after second on " + worker);
		assertThat(first.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void afterUndecoratedRunsAfterWorkThatThrowsAndTheItemKeepsItsFailure() throws Exception {
		start(DefaultBackgroundWorkQueue.builder().decorator(new Declines("d")));
		WorkHandle handle = this.queue.enqueue("throws", (context) -> {
			this.events.add("work throws");
			throw new IllegalStateException("the work's own failure");
		});
		TestQueues.awaitEnd(handle);
		assertThat(this.events).containsExactly("work throws", "d after throws on " + workerOf(handle));
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
		assertThat(handle.failure()).hasMessage("the work's own failure");
	}

	@Test
	void onlyTheDecoratorsThatLeftAnItemUndecoratedAreCalledAfterIt() throws Exception {
		// The outer one wraps items named "wrapped" only; the inner one never wraps.
		// Innermost first, as the code after the work in decorators' runnables runs
		start(DefaultBackgroundWorkQueue.builder()
			.decorator(new WrapsOnly("wrapped"))
			.decorator(new Declines("inner")));
		WorkHandle wrapped = this.queue.enqueue("wrapped", (context) -> this.events.add("work wrapped"));
		TestQueues.awaitEnd(wrapped);
		WorkHandle plain = this.queue.enqueue("plain", (context) -> this.events.add("work plain"));
		TestQueues.awaitEnd(plain);
		String worker = workerOf(plain);
		assertThat(this.events).containsExactly("outer before wrapped", "work wrapped", "outer after wrapped",
				"inner after wrapped on " + workerOf(wrapped), "work plain", "inner after plain on " + worker,
				"outer after plain on " + worker);
	}

	@Test
	void afterUndecoratedRunsAfterEachAttemptOfARetriedItem() throws Exception {
		start(DefaultBackgroundWorkQueue.builder()
			.decorator(new Declines("d"))
			.handlers(WorkHandlers.of(new FailsOnce(this.events)))
			.retryPolicy(WorkRetryPolicy.builder()
				.maxRetries(1)
				.delay(Duration.ofMillis(10))
				.jitter(Duration.ZERO)
				.build()));
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("fails-once", "x"));
		TestQueues.awaitEnd(handle);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(this.events).hasSize(4)
			.satisfies((events) -> assertThat(events.get(0)).isEqualTo("attempt 1"))
			.satisfies((events) -> assertThat(events.get(1)).startsWith("d after fails-once on "))
			.satisfies((events) -> assertThat(events.get(2)).isEqualTo("attempt 2"))
			.satisfies((events) -> assertThat(events.get(3)).startsWith("d after fails-once on "));
	}

	@Test
	void afterUndecoratedRunsOnceAsynchronousWorkHasStarted() throws Exception {
		start(DefaultBackgroundWorkQueue.builder().decorator(new Declines("d")));
		CompletableFuture<Void> stage = new CompletableFuture<>();
		WorkHandle handle = this.queue.enqueueAsync("async", (context) -> {
			this.events.add("work started");
			return stage;
		});
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.events.size() == 2);
		assertThat(this.events.get(1)).startsWith("d after async on ");
		assertThat(handle.state()).isEqualTo(WorkState.RUNNING);
		stage.complete(null);
		TestQueues.awaitEnd(handle);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(this.events).hasSize(2);
	}

	@Test
	void anExceptionFromAfterUndecoratedFailsTheItemAndTheNextItemRuns() throws Exception {
		start(DefaultBackgroundWorkQueue.builder().decorator(new WorkDecorator() {

			@Override
			public Runnable decorate(WorkInfo item, Runnable execution) {
				return execution;
			}

			@Override
			public void afterUndecorated(WorkInfo item) {
				if (item.name().equals("cleanup-fails")) {
					throw new IllegalStateException("cleanup failed after " + item.name());
				}
			}

		}));
		WorkHandle failing = this.queue.enqueue("cleanup-fails", (context) -> this.events.add("work ran"));
		TestQueues.awaitEnd(failing);
		assertThat(this.events).containsExactly("work ran");
		assertThat(failing.state()).isEqualTo(WorkState.FAILED);
		assertThat(failing.failure()).isInstanceOf(IllegalStateException.class)
			.hasMessage("cleanup failed after cleanup-fails");
		WorkHandle next = this.queue.enqueue("next", (context) -> this.events.add("next ran"));
		TestQueues.awaitEnd(next);
		assertThat(next.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void aQueueRefusesMoreDecoratorsThanItCanTrack() {
		DefaultBackgroundWorkQueue.Builder builder = DefaultBackgroundWorkQueue.builder();
		for (int i = 0; i < 65; i++) {
			builder.decorator((item, execution) -> execution);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> TestQueues.started(builder).close())
			.withMessage("A queue takes at most 64 WorkDecorators, got 65");
	}

	private void start(DefaultBackgroundWorkQueue.Builder builder) {
		this.queue = TestQueues.started(builder.concurrency(1).threadNamePrefix("undecorated-tests-"));
	}

	private String workerOf(WorkHandle handle) {
		return this.events.stream()
			.filter((event) -> event.contains(" after " + handle.name() + " on "))
			.map((event) -> event.substring(event.indexOf(" on ") + 4))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Leaves every item undecorated and records its calls after them.
	 */
	private final class Declines implements WorkDecorator {

		private final String name;

		Declines(String name) {
			this.name = name;
		}

		@Override
		public Runnable decorate(WorkInfo item, Runnable execution) {
			return execution;
		}

		@Override
		public void afterUndecorated(WorkInfo item) {
			UndecoratedWorkTests.this.events
				.add(this.name + " after " + item.name() + " on " + Thread.currentThread().getName());
		}

	}

	/**
	 * Wraps the items of one name, and leaves the others undecorated.
	 */
	private final class WrapsOnly implements WorkDecorator {

		private final String name;

		WrapsOnly(String name) {
			this.name = name;
		}

		@Override
		public Runnable decorate(WorkInfo item, Runnable execution) {
			if (!item.name().equals(this.name)) {
				return execution;
			}
			return () -> {
				UndecoratedWorkTests.this.events.add("outer before " + item.name());
				execution.run();
				UndecoratedWorkTests.this.events.add("outer after " + item.name());
			};
		}

		@Override
		public void afterUndecorated(WorkInfo item) {
			UndecoratedWorkTests.this.events
				.add("outer after " + item.name() + " on " + Thread.currentThread().getName());
		}

	}

	static class FailsOnce {

		private final List<String> events;

		FailsOnce(List<String> events) {
			this.events = events;
		}

		@BackgroundWorkHandler("fails-once")
		void run(String payload) {
			this.events.add("attempt " + (this.events.size() / 2 + 1));
			if (this.events.size() == 1) {
				throw new IllegalStateException("the first attempt fails");
			}
		}

	}

}
