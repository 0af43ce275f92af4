package io.github.backgroundwork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that a queue runs nothing before it starts, stops without a drain if it never
 * started, and can start again after a stop.
 */
class QueueLifecycleTests {

	@Test
	void noWorkerExistsAndNothingRunsBeforeStart() throws Exception {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix("not-started-tests-")
			.build();
		try {
			WorkHandle handle = queue.enqueue("early", (context) -> {
			});
			assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().startsWith("not-started-tests-"));
			assertThat(handle.state()).isEqualTo(WorkState.QUEUED);
			assertThat(queue.isRunning()).isFalse();
			queue.start();
			handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(handle.state()).isEqualTo(WorkState.SUCCEEDED);
		}
		finally {
			queue.close();
		}
	}

	@Test
	void aQueueThatNeverStartedStopsAtOnceAndReportsWhatItHeld() {
		List<WorkItemSnapshot> abandoned = new CopyOnWriteArrayList<>();
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.drainTimeout(Duration.ofMinutes(5))
			.listener(new WorkListener() {

				@Override
				public void onAbandoned(List<WorkItemSnapshot> items) {
					abandoned.addAll(items);
				}

			})
			.build();
		WorkHandle handle = queue.enqueue("never-ran", (context) -> {
		});
		long start = System.nanoTime();
		queue.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(handle.state()).isEqualTo(WorkState.ABANDONED);
		assertThat(abandoned).singleElement().satisfies((item) -> assertThat(item.id()).isEqualTo(handle.id()));
	}

	@Test
	void aStoppedQueueStartsAgain() throws Exception {
		DefaultBackgroundWorkQueue queue = TestQueues
			.started(DefaultBackgroundWorkQueue.builder().threadNamePrefix("restart-tests-"));
		try {
			WorkHandle first = queue.enqueue("first", (context) -> {
			});
			first.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			queue.stop();
			assertThat(queue.isRunning()).isFalse();
			assertThat(queue.statistics().state()).isEqualTo(QueueState.TERMINATED);
			assertThatExceptionOfType(WorkRejectedException.class).isThrownBy(() -> queue.enqueue("refused", (c) -> {
			})).satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(WorkRejectedException.Reason.SHUTTING_DOWN));
			queue.start();
			assertThat(queue.isRunning()).isTrue();
			assertThat(queue.statistics().state()).isEqualTo(QueueState.RUNNING);
			WorkHandle second = queue.enqueue("second", (context) -> {
			});
			second.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(second.id()).isNotEqualTo(first.id());
			assertThat(queue.statistics().totals().succeeded()).isEqualTo(2);
		}
		finally {
			queue.close();
		}
	}

}
