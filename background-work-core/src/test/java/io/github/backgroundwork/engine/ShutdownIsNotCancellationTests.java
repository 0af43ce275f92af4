package io.github.backgroundwork.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.AsyncBackgroundWork;
import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.CancellationReason;
import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.WorkAbandonedException;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.WorkTotals;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that work the shutdown asks to stop ends abandoned and reported by name, however
 * it stops, while a cancellation stays a cancellation: what keeps a well-behaved item
 * from being lost, for a durable store hands abandoned items back.
 */
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class ShutdownIsNotCancellationTests {

	private static final List<String> STOPPING = List.of("returns", "throws", "interrupted", "async", "typed-returns",
			"typed-throws");

	private final Map<String, CancellationReason> reasons = new ConcurrentHashMap<>();

	private final CountDownLatch started = new CountDownLatch(STOPPING.size() + 1);

	private final List<WorkItemSnapshot> reported = new CopyOnWriteArrayList<>();

	private final List<String> finished = new CopyOnWriteArrayList<>();

	private final List<String> retried = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	@Test
	void shutdownIsNotCancellation(CapturedOutput output) throws Exception {
		WorkEngine engine = engine();
		engine.start();
		CountDownLatch releaseCancelled = new CountDownLatch(1);
		WorkHandle returns = engine.submit("returns", (BackgroundWork) (context) -> awaitStop(context));
		WorkHandle throwing = engine.submit("throws", (BackgroundWork) (context) -> {
			awaitStop(context);
			throw new IllegalStateException("stopped half-way");
		});
		WorkHandle interrupted = engine.submit("interrupted", (BackgroundWork) (context) -> {
			awaitStop(context);
			throw new InterruptedException("told to stop");
		});
		WorkHandle async = engine.submitAsync("async", (AsyncBackgroundWork) (context) -> {
			CompletableFuture<Void> stage = new CompletableFuture<>();
			context.onCancellation(() -> {
				this.reasons.put(context.name(), context.cancellationReason().orElseThrow());
				stage.completeExceptionally(new CancellationException("stopped"));
			});
			this.started.countDown();
			return stage;
		});
		WorkHandle typedReturns = engine.submit(WorkRequest.of("typed-returns", "x"));
		WorkHandle typedThrows = engine.submit(WorkRequest.of("typed-throws", "x"));
		WorkHandle cancelled = engine.submit("cancelled", (BackgroundWork) (context) -> {
			CountDownLatch cancellation = new CountDownLatch(1);
			context.onCancellation(cancellation::countDown);
			this.started.countDown();
			cancellation.await(30, TimeUnit.SECONDS);
			this.reasons.put(context.name(), context.cancellationReason().orElseThrow());
			// Cancelled, it goes on into the shutdown, which asks it to stop again
			releaseCancelled.await(30, TimeUnit.SECONDS);
			this.reasons.put("cancelled-at-end", context.cancellationReason().orElseThrow());
		});
		assertThat(this.started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(cancelled.cancel()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.reasons.containsKey("cancelled"));

		Thread closer = new Thread(engine::stop);
		closer.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.reasons.keySet().containsAll(STOPPING));
		releaseCancelled.countDown();
		closer.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(closer.isAlive()).isFalse();

		List<WorkHandle> stopping = List.of(returns, throwing, interrupted, async, typedReturns, typedThrows);
		assertThat(stopping).allSatisfy((handle) -> {
			assertThat(handle.state()).as(handle.name()).isEqualTo(WorkState.ABANDONED);
			assertThat(this.reasons.get(handle.name())).as(handle.name()).isEqualTo(CancellationReason.SHUTDOWN);
			assertThat(failureOf(handle)).isInstanceOf(WorkAbandonedException.class);
			assertThat(engine.isExecuting(handle)).isFalse();
		});
		assertThat(cancelled.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(this.reasons).containsEntry("cancelled", CancellationReason.CANCELLED)
			.containsEntry("cancelled-at-end", CancellationReason.CANCELLED);
		// Neither failed nor retried, though typed work may retry three times
		assertThat(typedReturns.attempts()).isOne();
		assertThat(typedThrows.attempts()).isOne();
		assertThat(this.errors).isEmpty();
		assertThat(this.retried).isEmpty();
		// The listener hears of the cancelled item from its worker, which may come just
		// after the stop returned
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.finished.isEmpty());
		assertThat(this.finished).containsExactly("cancelled");
		assertThat(engine.statistics().totals()).isEqualTo(new WorkTotals(7, 0, 0, 1, 0, 6));
		// Reported by name, once each, as stopped early
		assertThat(this.reported).extracting(WorkItemSnapshot::name).containsExactlyInAnyOrderElementsOf(STOPPING);
		assertThat(this.reported).allSatisfy((item) -> assertThat(item.abandoned()).isTrue());
		String report = String.join("\n",
				output.getOut()
					.lines()
					.filter((line) -> line.contains("did not finish within the shutdown deadline"))
					.toList());
		assertThat(stopping).allSatisfy((handle) -> assertThat(report)
			.contains("'" + handle.name() + "' (" + handle.id() + ", stopped early at shutdown)"));
		assertThat(report).doesNotContain(cancelled.id());
	}

	@Test
	void cancellationReasonIsEmptyUntilRequested() throws Exception {
		WorkEngine engine = engine();
		engine.start();
		try {
			CompletableFuture<Object> seen = new CompletableFuture<>();
			engine.submit("asks", (BackgroundWork) (context) -> seen.complete(context.cancellationReason()))
				.completion()
				.toCompletableFuture()
				.get(10, TimeUnit.SECONDS);
			assertThat(seen.get()).isEqualTo(java.util.Optional.empty());
		}
		finally {
			engine.stop();
		}
	}

	private void awaitStop(WorkContext context) throws InterruptedException {
		this.started.countDown();
		while (!context.isCancellationRequested()) {
			Thread.sleep(5);
		}
		this.reasons.put(context.name(), context.cancellationReason().orElseThrow());
	}

	private static Throwable failureOf(WorkHandle handle) {
		try {
			handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
			throw new AssertionError(handle.name() + " completed normally");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private WorkEngine engine() {
		WorkListener listener = new WorkListener() {

			@Override
			public void onFinished(WorkInfo item) {
				ShutdownIsNotCancellationTests.this.finished.add(item.name());
			}

			@Override
			public void onRetrying(WorkInfo item, Throwable failure, Duration delay) {
				ShutdownIsNotCancellationTests.this.retried.add(item.name());
			}

			@Override
			public void onAbandoned(List<WorkItemSnapshot> items) {
				ShutdownIsNotCancellationTests.this.reported.addAll(items);
			}

		};
		// The grace is long: the test shows the items end because they were asked to
		return new WorkEngine(new EngineSettings(8, 100, WhenFull.REJECT, Duration.ofSeconds(1), Duration.ofMillis(200),
				Duration.ofSeconds(20), 100, "shutdown-not-cancel-", false,
				(item, error) -> this.errors.add(item.name()), List.of(), List.of(listener),
				WorkHandlers.of(new Handlers()),
				WorkRetryPolicy.builder().maxRetries(3).delay(Duration.ofMillis(10)).jitter(Duration.ZERO).build()));
	}

	class Handlers {

		@BackgroundWorkHandler("typed-returns")
		void typedReturns(String payload, WorkContext context) throws InterruptedException {
			awaitStop(context);
		}

		@BackgroundWorkHandler("typed-throws")
		void typedThrows(String payload, WorkContext context) throws InterruptedException {
			awaitStop(context);
			throw new IllegalStateException("stopped half-way");
		}

	}

}
