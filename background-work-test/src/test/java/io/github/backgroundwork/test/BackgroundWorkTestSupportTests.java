package io.github.backgroundwork.test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BackgroundWorkTestSupport}.
 */
class BackgroundWorkTestSupportTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private final DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
		.concurrency(1)
		.threadNamePrefix("test-support-")
		.build();

	@AfterEach
	void close() {
		this.release.countDown();
		this.queue.close();
	}

	@Test
	void awaitIdleReturnsOnceEveryItemHasEndedIncludingItemsEnqueuedByWork() {
		this.queue.start();
		AtomicReference<WorkHandle> second = new AtomicReference<>();
		WorkHandle first = this.queue.enqueue("first", (context) -> {
			this.release.await(5, TimeUnit.SECONDS);
			second.set(this.queue.enqueue("second", (child) -> {
			}));
		});
		new Thread(this.release::countDown).start();
		BackgroundWorkTestSupport.awaitIdle(this.queue, Duration.ofSeconds(5));
		assertThat(first.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(second.get().state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void awaitIdleFailsAfterTheTimeoutListingWhatIsInFlight() {
		this.queue.start();
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle running = this.queue.enqueue("export", (context) -> {
			started.countDown();
			this.release.await(10, TimeUnit.SECONDS);
		});
		WorkHandle waiting = this.queue.enqueue("mail", (context) -> {
		});
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> BackgroundWorkTestSupport.awaitIdle(this.queue, Duration.ofMillis(100)))
			.withMessageStartingWith("Background work still in flight after PT0.1S: ")
			.withMessageContaining("RUNNING 'export' (" + running.id() + ")")
			.withMessageContaining("QUEUED 'mail' (" + waiting.id() + ")");
	}

	@Test
	void awaitIdleReturnsAtOnceOnAnIdleQueue() {
		this.queue.start();
		BackgroundWorkTestSupport.awaitIdle(this.queue, Duration.ZERO);
		BackgroundWorkTestSupport.awaitIdle(new SynchronousBackgroundWorkQueue(), Duration.ZERO);
	}

}
