package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.observation.DefaultWorkObservationConvention;
import io.github.backgroundwork.observation.ObservationWorkDecorator;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observation of a stored item's attempt that a shutdown hands back to the store is
 * stopped, with the outcome {@code handed-back}, rather than left open for ever.
 */
class StoredObservationHandBackTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final Polite polite = new Polite();

	@Test
	void observationOfWorkHandedBackAtShutdownIsStopped() throws InterruptedException {
		database.clear();
		ObservationWorkDecorator observations = new ObservationWorkDecorator(this.registry, null);
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.drainTimeout(Duration.ofMillis(200))
			.cancellationGrace(Duration.ofSeconds(10))
			.decorator(observations)
			.listener(observations)
			.handlers(WorkHandlers.of(this.polite))
			.durableWork(JdbcDurableWork.builder(database.dataSource(), database.store(), JsonMapper.shared())
				.pollInterval(Duration.ofMillis(100))
				.factory())
			.build();
		queue.start();
		String id = queue.enqueue(WorkRequest.of("polite", new Polite.Job(1))).id();
		assertThat(this.polite.started.await(10, TimeUnit.SECONDS)).isTrue();
		queue.stop();
		assertThat(database.store().reader().findById(id).orElseThrow().state()).isEqualTo(StoredState.QUEUED);
		assertThat(this.registry).hasObservationWithNameEqualTo(DefaultWorkObservationConvention.NAME)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("background.work.outcome", "handed-back");
	}

	static class Polite {

		final CountDownLatch started = new CountDownLatch(1);

		@BackgroundWorkHandler("polite")
		void work(Job job, WorkContext context) throws InterruptedException {
			this.started.countDown();
			while (!context.isCancellationRequested()) {
				Thread.sleep(10);
			}
		}

		record Job(int number) {

		}

	}

}
