package io.github.backgroundwork.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.AsyncBackgroundWork;
import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the engine tells whether an item's code still runs, past the deadline that
 * abandoned it: what a durable store needs so as not to hand back an item whose thread
 * ignores the interrupt while another instance would run it again.
 */
class ExecutingItemsTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch started = new CountDownLatch(3);

	@Test
	void isExecutingTellsWhetherAbandonedWorkStillRuns() throws Exception {
		WorkEngine engine = engine("executing-tests-");
		WorkEngine other = engine("executing-other-");
		engine.start();
		try {
			WorkHandle finished = engine.submit("finished", (BackgroundWork) (context) -> {
			});
			finished.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
			assertThat(engine.isExecuting(finished)).as("returned before it ended").isFalse();

			WorkHandle sync = engine.submit("stubborn", (BackgroundWork) (context) -> ignoreInterrupts());
			WorkHandle typed = engine.submit(WorkRequest.of("typed-stubborn", "x"));
			// A stage that cannot be cancelled from outside: a copy is what the shutdown
			// cancels
			CompletableFuture<Void> stage = new CompletableFuture<>();
			WorkHandle async = engine.submitAsync("async-stubborn", (AsyncBackgroundWork) (context) -> {
				this.started.countDown();
				return stage.minimalCompletionStage();
			});
			WorkHandle queued = engine.submit("queued", (BackgroundWork) (context) -> {
			});
			assertThat(this.started.await(10, TimeUnit.SECONDS)).isTrue();
			List<WorkHandle> running = List.of(sync, typed, async);
			assertThat(running).allSatisfy((handle) -> assertThat(engine.isExecuting(handle)).isTrue());
			assertThat(running).allSatisfy((handle) -> assertThat(other.isExecuting(handle)).isFalse());
			assertThat(queued.state()).isEqualTo(WorkState.QUEUED);
			assertThat(engine.isExecuting(queued)).isFalse();

			engine.stop();
			// Abandoned at the deadline, and final, while their code runs on
			assertThat(running).allSatisfy((handle) -> {
				assertThat(handle.state()).as(handle.name()).isEqualTo(WorkState.ABANDONED);
				assertThat(handle.completion().toCompletableFuture()).isCompletedExceptionally();
				assertThat(engine.isExecuting(handle)).as(handle.name()).isTrue();
			});
			assertThat(queued.state()).isEqualTo(WorkState.ABANDONED);
			assertThat(engine.isExecuting(queued)).isFalse();

			this.release.countDown();
			stage.complete(null);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(running)
					.allSatisfy((handle) -> assertThat(engine.isExecuting(handle)).as(handle.name()).isFalse()));
			assertThat(running).allSatisfy((handle) -> assertThat(handle.state()).isEqualTo(WorkState.ABANDONED));
		}
		finally {
			this.release.countDown();
			engine.stop();
		}
	}

	/**
	 * Run until released, whatever interrupts the thread, and keep the interrupt.
	 */
	private void ignoreInterrupts() {
		this.started.countDown();
		boolean interrupted = false;
		while (true) {
			try {
				if (this.release.await(30, TimeUnit.SECONDS)) {
					break;
				}
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private WorkEngine engine(String threadNamePrefix) {
		return new WorkEngine(new EngineSettings(3, 10, WhenFull.REJECT, Duration.ofSeconds(1), Duration.ofMillis(100),
				Duration.ofMillis(200), 10, threadNamePrefix, false, (item, error) -> {
				}, List.of(), List.of(), WorkHandlers.of(new Handlers()), WorkRetryPolicy.builder().build()));
	}

	class Handlers {

		@BackgroundWorkHandler("typed-stubborn")
		void typedStubborn(String payload) {
			ignoreInterrupts();
		}

	}

}
