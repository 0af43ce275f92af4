package io.github.backgroundwork.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each attempt of typed work is an observation of its own, with the attempt's
 * number and outcome.
 */
class AttemptObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	@Test
	void eachAttemptIsObservedWithItsNumberAndOutcome() throws Exception {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				AttemptObservationTests.this.stopped.add(context);
			}

		});
		ObservationWorkDecorator decorator = new ObservationWorkDecorator(this.registry, null);
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix("attempt-observation-tests-")
			.handlers(WorkHandlers.of(new FailsOnce()))
			.retryPolicy(WorkRetryPolicy.builder().delay(Duration.ofMillis(10)).jitter(Duration.ZERO).build())
			.decorator(decorator)
			.listener(decorator));
		try {
			WorkHandle handle = queue.enqueue(WorkRequest.of("fails-once", "x"));
			handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		}
		finally {
			queue.close();
		}
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(DefaultWorkObservationConvention.NAME, 2);
		List<String> attempts = this.stopped.stream()
			.map((context) -> context.getLowCardinalityKeyValue("background.work.attempt").getValue() + ":"
					+ context.getLowCardinalityKeyValue("background.work.outcome").getValue())
			.toList();
		assertThat(attempts).containsExactly("1:retry", "2:success");
		assertThat(this.stopped.get(0).getError()).hasMessage("first attempt fails");
		assertThat(this.stopped.get(1).getError()).isNull();
	}

	static class FailsOnce {

		private int calls;

		@BackgroundWorkHandler("fails-once")
		void run(String payload) {
			if (this.calls++ == 0) {
				throw new IllegalStateException("first attempt fails");
			}
		}

	}

}
