package io.github.backgroundwork;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a {@link WorkDecorator} that returns without running the work fails the item
 * with an error naming it, rather than letting it pass as done, on every attempt of a
 * retried item: whether an attempt ran is the attempt's own, not the first one's.
 */
class DecoratorSkipsWorkTests {

	@Test
	void aDecoratorThatSkipsTheWorkFailsTheItemNamingIt() throws Exception {
		AtomicInteger ran = new AtomicInteger();
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix("decorator-skips-tests-")
			.decorator((item, execution) -> () -> {
				// Returns without running the execution
			}));
		try {
			WorkHandle handle = queue.enqueue("skipped", (context) -> ran.incrementAndGet());
			TestQueues.awaitEnd(handle);
			assertThat(handle.state()).isEqualTo(WorkState.FAILED);
			assertThat(handle.failure()).isInstanceOf(IllegalStateException.class)
				.hasMessage("A WorkDecorator returned without running background work 'skipped' (" + handle.id() + ")");
			assertThat(ran).hasValue(0);
		}
		finally {
			queue.close();
		}
	}

	@Test
	void aRetryTheDecoratorSkipsFailsAlthoughTheFirstAttemptRan() throws Exception {
		AtomicInteger decorated = new AtomicInteger();
		FailsFirst handler = new FailsFirst();
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix("decorator-skips-retry-tests-")
			.handlers(WorkHandlers.of(handler))
			.retryPolicy(
					WorkRetryPolicy.builder().maxRetries(1).delay(Duration.ofMillis(10)).jitter(Duration.ZERO).build())
			// Runs the work on the first attempt only
			.decorator((item, execution) -> () -> {
				if (decorated.incrementAndGet() == 1) {
					execution.run();
				}
			}));
		try {
			WorkHandle handle = queue.enqueue(WorkRequest.of("fails-first", "x"));
			TestQueues.awaitEnd(handle);
			assertThat(decorated).hasValue(2);
			assertThat(handler.calls).hasValue(1);
			assertThat(handle.state()).isEqualTo(WorkState.FAILED);
			assertThat(handle.failure()).as("the second attempt's own outcome, not the first attempt's failure")
				.isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("A WorkDecorator returned without running background work 'fails-first'");
		}
		finally {
			queue.close();
		}
	}

	static class FailsFirst {

		final AtomicInteger calls = new AtomicInteger();

		@BackgroundWorkHandler("fails-first")
		void run(String payload) {
			this.calls.incrementAndGet();
			throw new IllegalStateException("the first attempt fails");
		}

	}

}
