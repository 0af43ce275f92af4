package io.github.backgroundwork.autoconfigure.typed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.autoconfigure.BackgroundWorkAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests typed work through the auto-configured queue: handlers found as beans, retries
 * from the properties, and abandoned requests enqueued again at the next start.
 */
class TypedWorkApplicationTests {

	static final List<String> made = new CopyOnWriteArrayList<>();

	static volatile CountDownLatch release = new CountDownLatch(0);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class))
		.withUserConfiguration(Handlers.class);

	@Test
	void typedWorkRunsOnTheAutoConfiguredQueueAndIsRetriedAsConfigured() {
		made.clear();
		this.contextRunner.withPropertyValues("background-work.retry.delay=10ms", "background-work.retry.max-retries=1")
			.run((context) -> {
				BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
				WorkHandle ok = queue.enqueue(WorkRequest.of("thumbnail", new Thumbnail("a.png")));
				WorkHandle flaky = queue.enqueue(WorkRequest.of("thumbnail", new Thumbnail("flaky.png")));
				ok.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
				flaky.completion().handle((result, ex) -> ex).toCompletableFuture().get(5, TimeUnit.SECONDS);
				assertThat(ok.state()).isEqualTo(WorkState.SUCCEEDED);
				assertThat(flaky.state()).isEqualTo(WorkState.FAILED);
				assertThat(flaky.snapshot().attempts()).isEqualTo(2);
			});
	}

	@Test
	void abandonedRequestsAreEnqueuedAgainAtTheNextStart() {
		made.clear();
		List<WorkRequest> saved = Resubmission.saved;
		saved.clear();
		ApplicationContextRunner runner = this.contextRunner.withUserConfiguration(Resubmission.class)
			.withPropertyValues("background-work.concurrency=1", "background-work.shutdown.drain-timeout=100ms",
					"background-work.shutdown.cancellation-grace=100ms");
		release = new CountDownLatch(1);
		runner.run((context) -> {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			WorkHandle stuck = queue.enqueue(WorkRequest.of("thumbnail", new Thumbnail("stuck.png")));
			queue.enqueue(WorkRequest.builder("thumbnail", new Thumbnail("waiting.png")).key("waiting").build());
			await().atMost(Duration.ofSeconds(5)).until(() -> stuck.state() == WorkState.RUNNING);
		});
		assertThat(saved).extracting((request) -> ((Thumbnail) request.payload()).picture())
			.containsExactlyInAnyOrder("stuck.png", "waiting.png");
		release.countDown();
		made.clear();
		runner.run((context) -> await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(made).containsExactlyInAnyOrder("stuck.png", "waiting.png")));
		assertThat(saved).isEmpty();
	}

	/**
	 * The payload.
	 *
	 * @param picture the picture
	 */
	record Thumbnail(String picture) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Resubmission {

		/**
		 * Stands in for the database table that outlives the application.
		 */
		static final List<WorkRequest> saved = new CopyOnWriteArrayList<>();

		@Bean
		AbandonedWorkResubmitter abandonedWorkResubmitter(BackgroundWorkQueue queue) {
			return new AbandonedWorkResubmitter(queue, saved);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		ThumbnailHandler thumbnailHandler() {
			return new ThumbnailHandler();
		}

	}

	static class ThumbnailHandler {

		@BackgroundWorkHandler("thumbnail")
		void make(Thumbnail thumbnail) throws InterruptedException {
			if (thumbnail.picture().startsWith("flaky")) {
				throw new IllegalStateException("cannot decode " + thumbnail.picture());
			}
			if (thumbnail.picture().startsWith("stuck")) {
				while (!release.await(10, TimeUnit.MILLISECONDS)) {
					// Ignores cancellation and interrupts until released
					Thread.interrupted();
				}
			}
			made.add(thumbnail.picture());
		}

	}

}
