package io.github.backgroundwork.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that cancelling queued items costs O(1) each: cancelling n items visits O(n)
 * queue nodes in all, counted rather than timed.
 */
class CancelCostTests {

	@Test
	void cancellingTenThousandQueuedItemsVisitsALinearNumberOfNodes() throws Exception {
		int items = 10_000;
		WorkEngine engine = new WorkEngine(new EngineSettings(1, items, WhenFull.REJECT, Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofSeconds(1), 10, "cancel-cost-tests-", false, (item, error) -> {
				}, List.of(), List.of(), WorkHandlers.of(), WorkRetryPolicy.builder().build()));
		engine.start();
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		try {
			engine.submit("blocker", (BackgroundWork) (context) -> {
				started.countDown();
				release.await();
			});
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			List<WorkHandle> queued = new ArrayList<>(items);
			for (int i = 0; i < items; i++) {
				queued.add(engine.submit("queued", (BackgroundWork) (context) -> {
				}));
			}
			ReadyQueue ready = engine.readyQueue();
			long before = ready.visited();
			// Cancelled newest first: a scan from the head would visit n(n+1)/2 nodes
			for (int i = items - 1; i >= 0; i--) {
				assertThat(queued.get(i).cancel()).isTrue();
			}
			release.countDown();
			engine.submit("after", (BackgroundWork) (context) -> {
			}).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(queued).allSatisfy((handle) -> assertThat(handle.state()).isEqualTo(WorkState.CANCELLED));
			assertThat(ready.visited() - before).isLessThanOrEqualTo(3L * items);
			assertThat(engine.statistics().queued()).isZero();
		}
		finally {
			release.countDown();
			engine.stop();
		}
	}

}
