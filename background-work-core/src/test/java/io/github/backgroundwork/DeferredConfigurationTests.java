package io.github.backgroundwork;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of {@link DefaultBackgroundWorkQueue.Builder#deferred}: the configuration runs
 * once, when the queue first needs it, in its own place among the builder's calls.
 */
class DeferredConfigurationTests {

	private final AtomicInteger runs = new AtomicInteger();

	private final List<String> order = new CopyOnWriteArrayList<>();

	@Test
	void deferredConfigurationRunsOnceAtStartInItsPlaceAmongTheBuildersCalls() throws Exception {
		try (DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.decorator(recording("before"))
			.deferred((builder) -> {
				this.runs.incrementAndGet();
				builder.concurrency(5).capacity(50).decorator(recording("deferred"));
			})
			.concurrency(3)
			.decorator(recording("after"))
			.build()) {
			assertThat(this.runs).as("built, not started").hasValue(0);
			queue.start();
			queue.enqueue("ordered", (work) -> this.order.add("work"))
				.completion()
				.toCompletableFuture()
				.get(10, TimeUnit.SECONDS);
			assertThat(this.runs).hasValue(1);
			assertThat(queue.statistics().concurrency()).as("set after the deferred call").isEqualTo(3);
			assertThat(queue.statistics().capacity()).as("set by the deferred call only").isEqualTo(50);
			assertThat(this.order).containsExactly("before", "deferred", "after", "work");
		}
	}

	@Test
	void workEnqueuedBeforeStartRunsTheDeferredConfigurationFirstAndOnlyOnce() throws Exception {
		try (DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(1)
			.deferred((builder) -> {
				this.runs.incrementAndGet();
				builder.decorator(recording("deferred"));
			})
			.build()) {
			WorkHandle first = queue.enqueue("first", (work) -> this.order.add("first"));
			WorkHandle second = queue.enqueue("second", (work) -> this.order.add("second"));
			assertThat(this.runs).hasValue(1);
			queue.start();
			first.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
			second.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
			assertThat(this.runs).hasValue(1);
			assertThat(this.order).containsExactly("deferred", "first", "deferred", "second");
		}
	}

	@Test
	void queueStoppedBeforeItNeededItsConfigurationRefusesWorkWithoutRunningIt() throws Exception {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.deferred((builder) -> this.runs.incrementAndGet())
			.build();
		queue.stop();
		assertThatExceptionOfType(WorkRejectedException.class).isThrownBy(() -> queue.enqueue("late", (work) -> {
		}));
		assertThat(this.runs).hasValue(0);
		queue.start();
		try {
			queue.enqueue("again", (work) -> {
			}).completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
			assertThat(this.runs).hasValue(1);
		}
		finally {
			queue.close();
		}
	}

	@Test
	void deferredConfigurationThatFailsFailsTheStartAndRunsAgainOnTheNext() throws Exception {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder().deferred((builder) -> {
			if (this.runs.incrementAndGet() == 1) {
				throw new IllegalStateException("collaborator not ready");
			}
		}).build();
		try {
			assertThatIllegalStateException().isThrownBy(queue::start).withMessage("collaborator not ready");
			assertThat(queue.isRunning()).isFalse();
			queue.start();
			assertThat(queue.isRunning()).isTrue();
			assertThat(this.runs).hasValue(2);
		}
		finally {
			queue.close();
		}
	}

	private WorkDecorator recording(String name) {
		return (item, execution) -> () -> {
			this.order.add(name);
			execution.run();
		};
	}

}
