package io.github.backgroundwork;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that an enqueue blocked for room with {@link WhenFull#BLOCK} and then interrupted
 * is refused with a reason of its own, and keeps its interrupt.
 */
class BlockedEnqueueInterruptTests {

	@Test
	void interruptedBlockedEnqueueIsRefusedAsInterrupted() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.capacity(1)
			.whenFull(WhenFull.BLOCK)
			.blockTimeout(Duration.ofMinutes(1))
			.threadNamePrefix("block-interrupt-tests-"));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		try {
			queue.enqueue("blocker", (context) -> {
				started.countDown();
				release.await();
			});
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			queue.enqueue("fills-the-queue", (context) -> {
			});
			CompletableFuture<Object> outcome = new CompletableFuture<>();
			Thread caller = new Thread(() -> {
				try {
					outcome.complete(queue.enqueue("blocked", (context) -> {
					}));
				}
				catch (WorkRejectedException ex) {
					outcome.complete(new Object[] { ex, Thread.currentThread().isInterrupted() });
				}
			}, "blocked-caller");
			caller.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
			caller.interrupt();
			Object[] refusal = (Object[]) outcome.get(5, TimeUnit.SECONDS);
			WorkRejectedException ex = (WorkRejectedException) refusal[0];
			assertThat(ex.getReason()).isEqualTo(WorkRejectedException.Reason.INTERRUPTED);
			assertThat(ex).hasMessageContaining("'blocked'").hasMessageContaining("interrupted");
			assertThat((Boolean) refusal[1]).isTrue();
			assertThat(queue.statistics().totals().rejected()).isOne();
		}
		finally {
			release.countDown();
			queue.close();
		}
	}

}
