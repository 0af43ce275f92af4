package io.github.backgroundwork.observation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ObservationWorkDecorator}.
 */
class ObservationWorkDecoratorTests {

	private static final String NAME = DefaultWorkObservationConvention.NAME;

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ObservationWorkDecorator decorator = new ObservationWorkDecorator(this.registry, null);

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.threadNamePrefix("observation-tests-")
		.decorator(this.decorator)
		.listener(this.decorator));

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void workRunsInAChildOfTheEnqueuingObservation() throws Exception {
		AtomicReference<Observation> current = new AtomicReference<>();
		Observation request = Observation.start("http.server.requests", this.registry);
		WorkHandle item = request
			.scoped(() -> this.queue.enqueue("mail", (context) -> current.set(this.registry.getCurrentObservation())));
		finish(item);
		request.stop();
		assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
			.that()
			.hasParentObservationEqualTo(request)
			.hasContextualNameEqualTo("background-work mail")
			.hasLowCardinalityKeyValue("background.work.name", "mail")
			.hasLowCardinalityKeyValue("background.work.outcome", "success")
			.hasHighCardinalityKeyValue("background.work.id", item.id())
			.doesNotHaveError()
			.hasBeenStarted()
			.hasBeenStopped();
		assertThat(current.get().getContext()).isInstanceOf(WorkObservationContext.class);
		assertThat(current.get().getContextView().getParentObservation()).isSameAs(request);
	}

	@Test
	void workEnqueuedOutsideAnObservationHasNoParent() throws Exception {
		finish(this.queue.enqueue("mail", (context) -> {
		}));
		assertThat(this.registry).hasObservationWithNameEqualTo(NAME).that().doesNotHaveParentObservation();
	}

	@Test
	void failureIsRecordedAsTheObservationsError() throws Exception {
		IllegalStateException failure = new IllegalStateException("smtp down");
		finish(this.queue.enqueue("mail", (context) -> {
			throw failure;
		}));
		assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
			.that()
			.hasLowCardinalityKeyValue("background.work.outcome", "failure")
			.hasError(failure);
	}

	@Test
	void cancellationIsAnOutcomeNotAnError() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle item = this.queue.enqueue("export", (context) -> {
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			started.countDown();
			cancelled.await(10, TimeUnit.SECONDS);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		item.cancel();
		finish(item);
		assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
			.that()
			.hasLowCardinalityKeyValue("background.work.outcome", "cancelled")
			.doesNotHaveError();
	}

	@Test
	void asyncWorkIsObservedUntilItsStageCompletes() throws Exception {
		CompletableFuture<String> stage = new CompletableFuture<>();
		WorkHandle item = this.queue.enqueueAsync("thumbnail", (context) -> stage);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.registry).hasObservationWithNameEqualTo(NAME).that().hasBeenStarted());
		assertThat(item.completion().toCompletableFuture()).isNotDone();
		assertThat(this.registry).hasObservationWithNameEqualTo(NAME).that().isNotStopped();
		stage.complete("done");
		finish(item);
		assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
			.that()
			.hasLowCardinalityKeyValue("background.work.outcome", "success");
	}

	/**
	 * Wait for the item to end and its observation to stop, which happens just after.
	 */
	private void finish(WorkHandle item) throws Exception {
		item.completion().toCompletableFuture().exceptionally((ex) -> null).get(5, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.registry).hasObservationWithNameEqualTo(NAME).that().hasBeenStopped());
	}

}
