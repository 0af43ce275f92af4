package io.github.backgroundwork.durable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.engine.DurableWork;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.ClaimedWork;
import io.github.backgroundwork.observation.ContextPropagatingWorkDecorator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StoredMdc}: the MDC entries an application names go from the enqueuing
 * thread, through the row, to the worker; nothing of the claimer's own MDC does.
 */
class StoredMdcTests {

	private final Recorder recorder = new Recorder();

	private @Nullable DefaultBackgroundWorkQueue queue;

	@AfterEach
	void stop() {
		MDC.clear();
		if (this.queue != null) {
			this.queue.stop();
		}
	}

	@Test
	void onlyTheListedKeysAreCaptured() {
		MDC.put("visitId", "5");
		MDC.put("email", "someone@example.com");
		assertThat(StoredMdc.of(List.of("visitId", "tenant")).capture()).isEqualTo("{\"visitId\":\"5\"}");
		assertThat(StoredMdc.none().capture()).isNull();
		assertThat(StoredMdc.of(List.of("tenant")).capture()).isNull();
	}

	@Test
	void blankKeysAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> StoredMdc.of(List.of("visitId", " ")))
			.withMessage("MDC keys must not be blank");
	}

	@ParameterizedTest(name = "propagate-context={0}")
	@ValueSource(booleans = { true, false })
	void theItemSeesItsStoredEntriesAndNothingOfTheClaimersMdc(boolean propagateContext) throws Exception {
		WorkEngine engine = startQueue(propagateContext);
		ClaimedWork row = row("{\"visitId\":\"5\"}");
		Map<String, String> claimersAfter = onClaimerThread(() -> {
			MDC.put("claimerOnly", "x");
			WorkHandle handle = StoredMdc.receive(row,
					() -> engine.submitClaimed(row.id(), WorkRequest.of("visit", "hello"), 1, 0));
			assertThat(handle).isNotNull();
			return MDC.getCopyOfContextMap();
		});
		assertThat(this.recorder.seen.get(10, TimeUnit.SECONDS)).containsExactly(Map.entry("visitId", "5"));
		assertThat(claimersAfter).as("the claimer's MDC after the hand-over")
			.containsExactly(Map.entry("claimerOnly", "x"));
	}

	@ParameterizedTest(name = "propagate-context={0}")
	@ValueSource(booleans = { true, false })
	void anItemWithoutStoredEntriesSeesNothingOfTheClaimersMdc(boolean propagateContext) throws Exception {
		WorkEngine engine = startQueue(propagateContext);
		ClaimedWork row = row(null);
		onClaimerThread(() -> {
			MDC.put("claimerOnly", "x");
			return StoredMdc.receive(row, () -> engine.submitClaimed(row.id(), WorkRequest.of("visit", "hello"), 1, 0));
		});
		assertThat(this.recorder.seen.get(10, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	void malformedStoredEntriesAreIgnored() throws Exception {
		WorkEngine engine = startQueue(true);
		ClaimedWork row = row("[\"not\", \"an object\"]");
		onClaimerThread(() -> StoredMdc.receive(row,
				() -> engine.submitClaimed(row.id(), WorkRequest.of("visit", "hello"), 1, 0)));
		assertThat(this.recorder.seen.get(10, TimeUnit.SECONDS)).isEmpty();
	}

	/**
	 * Start a queue whose durable side is the test, with the decorators the
	 * auto-configuration adds.
	 */
	private WorkEngine startQueue(boolean propagateContext) {
		AtomicReference<WorkEngine> engine = new AtomicReference<>();
		DefaultBackgroundWorkQueue.Builder builder = DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.handlers(WorkHandlers.of(this.recorder));
		if (propagateContext) {
			builder.decorator(new ContextPropagatingWorkDecorator());
		}
		this.queue = builder.decorator(StoredMdc.none()).durableWork((built) -> {
			engine.set(built);
			return new NoStore();
		}).build();
		this.queue.start();
		return engine.get();
	}

	private static ClaimedWork row(@Nullable String context) {
		return new ClaimedWork("row-1", "visit", null, "\"hello\"", String.class.getName(), 1, 0, null, Instant.now(),
				Instant.now(), context);
	}

	private static <T> T onClaimerThread(Callable<T> action) throws Exception {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(action.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, "test-claimer");
		thread.start();
		return result.get(10, TimeUnit.SECONDS);
	}

	static class Recorder {

		final CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();

		@BackgroundWorkHandler("visit")
		void visit(String payload) {
			Map<String, String> mdc = MDC.getCopyOfContextMap();
			this.seen.complete((mdc != null) ? mdc : Map.of());
		}

	}

	private static final class NoStore implements DurableWork {

		@Override
		public List<WorkHandle> enqueueAll(List<WorkRequest> requests) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void start() {
		}

		@Override
		public void stopClaiming() {
		}

		@Override
		public void stopped() {
		}

	}

}
