package io.github.backgroundwork.typed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import io.github.backgroundwork.typed.TestHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that failed typed work is retried with backoff, scheduled meanwhile, up to its
 * maximum, and then ends failed; and that lambdas and cancellations are never retried.
 */
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class RetryTests {

	private final TestHandlers handlers = new TestHandlers();

	private final List<Duration> delays = new CopyOnWriteArrayList<>();

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(2)
		.threadNamePrefix("retry-tests-")
		.handlers(WorkHandlers.of(this.handlers))
		.retryPolicy(WorkRetryPolicy.builder()
			.maxRetries(3)
			.delay(Duration.ofMillis(100))
			.multiplier(2)
			.maxDelay(Duration.ofSeconds(1))
			.jitter(Duration.ZERO)
			.build())
		.errorHandler((item, error) -> this.handled.add(item.name() + ":" + error.getMessage()))
		.listener(new WorkListener() {

			@Override
			public void onRetrying(WorkInfo item, Throwable failure, Duration delay) {
				RetryTests.this.delays.add(delay);
			}

		}));

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void failedItemIsRetriedWithGrowingBackoffUntilItSucceeds(CapturedOutput output) throws Exception {
		this.handlers.failuresBeforeSuccess = 2;
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("mail", new Mail("sale", 1)));
		WorkItemSnapshot scheduled = await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(2))
			.until(handle::snapshot, (snapshot) -> snapshot.state() == WorkState.SCHEDULED);
		assertThat(scheduled.notBefore()).isNotNull();
		assertThat(scheduled.attempts()).isOne();
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(handle.snapshot().attempts()).isEqualTo(3);
		assertThat(this.delays).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
		assertThat(this.handlers.contextAttempts).containsExactly(1, 2, 3);
		assertThat(output).contains("failed, attempt 1 of 4: retrying in 100 ms")
			.contains("failed, attempt 2 of 4: retrying in 200 ms");
		assertThat(this.handled).isEmpty();
		assertThat(this.queue.statistics().totals().failed()).isZero();
	}

	@Test
	void itemEndsFailedAfterItsLastAttempt(CapturedOutput output) throws Exception {
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("always-fails", "x"));
		assertThat(handle.completion().handle((result, ex) -> ex).toCompletableFuture().get(5, TimeUnit.SECONDS))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("bad payload x");
		// The handler's own maxRetries (2) wins over the policy's (3)
		assertThat(this.handlers.attempts.get("x")).hasValue(3);
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
		assertThat(handle.snapshot().attempts()).isEqualTo(3);
		assertThat(this.handled).containsExactly("always-fails:bad payload x");
		assertThat(output).contains("failed, attempt 3 of 3: no retry left");
		assertThat(this.queue.statistics().totals().failed()).isOne();
	}

	@Test
	void requestsMaxRetriesWinsOverTheHandlers() throws Exception {
		WorkHandle handle = this.queue.enqueue(WorkRequest.builder("always-fails", "y").maxRetries(0).build());
		handle.completion().handle((result, ex) -> ex).toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(this.handlers.attempts.get("y")).hasValue(1);
		assertThat(this.delays).isEmpty();
	}

	@Test
	void asyncHandlerFailuresAreRetriedToo() throws Exception {
		this.handlers.failuresBeforeSuccess = 1;
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("async-mail", new Mail("sale", 2)));
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.snapshot().attempts()).isEqualTo(2);
	}

	@Test
	void lambdasAreNeverRetried() throws Exception {
		WorkHandle handle = this.queue.enqueue("lambda", (context) -> {
			throw new IllegalStateException("once");
		});
		handle.completion().handle((result, ex) -> ex).toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(handle.state()).isEqualTo(WorkState.FAILED);
		assertThat(this.delays).isEmpty();
	}

	@Test
	void scheduledRetryCanBeCancelled() throws Exception {
		this.handlers.failuresBeforeSuccess = 10;
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("mail", new Mail("sale", 3)));
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.SCHEDULED);
		assertThat(handle.cancel()).isTrue();
		assertThat(handle.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(this.queue.statistics().scheduled()).isZero();
		assertThat(this.handled).isEmpty();
	}

}
