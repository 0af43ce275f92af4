package io.github.backgroundwork.actuate;

import java.util.List;
import java.util.Map;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.actuate.QueueDescriptor.PausedDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that what an operator paused shows in the endpoint's summary of a queue and in
 * its health, which stays {@code UP}: a pause is a choice, not a fault.
 */
class PausedVisibilityTests {

	private final DefaultBackgroundWorkQueue queue = TestQueues
		.started(DefaultBackgroundWorkQueue.builder().concurrency(1).threadNamePrefix("paused-visibility-tests-"));

	private final BackgroundWorkEndpoint endpoint = new BackgroundWorkEndpoint(Map.of("mailQueue", this.queue));

	private final BackgroundWorkHealthIndicator indicator = new BackgroundWorkHealthIndicator(this.queue);

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void theSummaryListsWhatIsPaused() {
		assertThat(paused()).isEqualTo(new PausedDescriptor(false, List.of()));
		this.queue.pause("report");
		this.queue.pause("mail");
		assertThat(paused()).isEqualTo(new PausedDescriptor(false, List.of("mail", "report")));
		this.queue.pauseQueue();
		this.queue.resume("report");
		assertThat(paused()).isEqualTo(new PausedDescriptor(true, List.of("mail")));
	}

	@Test
	void healthStaysUpAndShowsWhatIsPaused() {
		assertThat(this.indicator.health().getDetails()).doesNotContainKey("paused");
		this.queue.pauseQueue();
		this.queue.pause("report");
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("paused", Map.of("queue", true, "names", List.of("report")));
		this.queue.resumeQueue();
		this.queue.resume("report");
		assertThat(this.indicator.health().getDetails()).doesNotContainKey("paused");
	}

	private PausedDescriptor paused() {
		return this.endpoint.queues(null, null, null, null, null).queues().get("mailQueue").paused();
	}

}
