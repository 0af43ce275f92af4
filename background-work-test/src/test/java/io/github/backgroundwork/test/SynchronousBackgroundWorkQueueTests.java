package io.github.backgroundwork.test;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkNameSummary;
import io.github.backgroundwork.WorkPage;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SynchronousBackgroundWorkQueue}.
 */
class SynchronousBackgroundWorkQueueTests {

	private final SynchronousBackgroundWorkQueue queue = new SynchronousBackgroundWorkQueue();

	@Test
	void workRunsOnTheCallingThreadAndHasEndedWhenEnqueueReturns() {
		AtomicReference<Thread> thread = new AtomicReference<>();
		WorkHandle item = this.queue.enqueue("mail", (context) -> {
			thread.set(Thread.currentThread());
			context.reportProgress(2, 2);
		});
		assertThat(thread.get()).isSameAs(Thread.currentThread());
		assertThat(item.state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(item.completion().toCompletableFuture()).isCompletedWithValue(null);
		assertThat(item.snapshot().progress()).hasFieldOrPropertyWithValue("done", 2L);
		assertThat(item.snapshot().finishedAt()).isNotNull();
		assertThat(item.cancel()).as("already ended").isFalse();
	}

	@Test
	void failureEndsTheItemFailedWithoutReachingTheCaller() {
		IllegalStateException failure = new IllegalStateException("smtp down");
		WorkHandle item = this.queue.enqueue("mail", (context) -> {
			throw failure;
		});
		assertThat(item.state()).isEqualTo(WorkState.FAILED);
		assertThat(item.completion().toCompletableFuture()).isCompletedExceptionally();
		assertThat(item.snapshot().error()).satisfies((error) -> {
			assertThat(error.type()).isEqualTo(IllegalStateException.class.getName());
			assertThat(error.message()).isEqualTo("smtp down");
		});
		assertThat(this.queue.statistics().totals().failed()).isEqualTo(1);
	}

	@Test
	void asynchronousWorkIsWaitedFor() {
		CompletableFuture<String> stage = CompletableFuture.supplyAsync(() -> "done");
		WorkHandle item = this.queue.enqueueAsync("thumbnail", (context) -> stage);
		assertThat(item.state()).isEqualTo(WorkState.SUCCEEDED);
		WorkHandle failed = this.queue.enqueueAsync("thumbnail",
				(context) -> CompletableFuture.failedFuture(new IllegalArgumentException("not a picture")));
		assertThat(failed.state()).isEqualTo(WorkState.FAILED);
		assertThat(failed.snapshot().error().message()).isEqualTo("not a picture");
		assertThat(this.queue.enqueueAsync("thumbnail", (context) -> null).state()).isEqualTo(WorkState.FAILED);
	}

	@Test
	void workCancelledWhileRunningEndsCancelled() {
		AtomicReference<WorkHandle> self = new AtomicReference<>();
		WorkHandle item = this.queue.enqueue("export", (context) -> {
			self.set(this.queue.find(context.id()).orElseThrow());
			assertThat(self.get().cancel()).isTrue();
			context.throwIfCancellationRequested();
		});
		assertThat(item.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(item.completion().toCompletableFuture()).isCompletedExceptionally()
			.failsWithin(Duration.ZERO)
			.withThrowableOfType(CancellationException.class);
		assertThat(this.queue.statistics().totals().cancelled()).isEqualTo(1);
	}

	@Test
	void nestedWorkShowsItsParentRunning() {
		AtomicReference<QueueStatistics> during = new AtomicReference<>();
		AtomicReference<WorkPage> running = new AtomicReference<>();
		this.queue.enqueue("parent", (context) -> this.queue.enqueue("child", (child) -> {
			during.set(this.queue.statistics());
			running.set(this.queue.items(new WorkQuery(WorkState.RUNNING, null, 0, 10)));
		}));
		assertThat(during.get().running()).isEqualTo(2);
		assertThat(during.get().queued()).isZero();
		assertThat(running.get().items()).extracting((item) -> item.name()).containsExactly("parent", "child");
		assertThat(this.queue.statistics().running()).isZero();
	}

	@Test
	void finishedItemsCanBeFoundListedAndSummarized() {
		WorkHandle first = this.queue.enqueue("mail", (context) -> {
		});
		this.queue.enqueue("mail", (context) -> {
			throw new IllegalStateException("boom");
		});
		WorkHandle last = this.queue.enqueue("report", (context) -> {
		});
		assertThat(this.queue.find(first.id())).containsSame(first);
		assertThat(this.queue.find("unknown")).isEmpty();
		WorkPage page = this.queue.items(new WorkQuery(null, null, 1, 1));
		assertThat(page.total()).isEqualTo(3);
		assertThat(page.items()).singleElement()
			.satisfies((item) -> assertThat(item.state()).isEqualTo(WorkState.FAILED));
		assertThat(this.queue.items(WorkQuery.first(10)).items().get(0).id()).as("most recent first")
			.isEqualTo(last.id());
		assertThat(this.queue.summaryByName()).containsExactly(new WorkNameSummary("mail", 0, 0, 0, 1));
		assertThat(this.queue.snapshot().recent()).hasSize(3);
		assertThat(this.queue.statistics().totals().accepted()).isEqualTo(3);
	}

	@Test
	void historyIsBounded() {
		SynchronousBackgroundWorkQueue small = new SynchronousBackgroundWorkQueue(2);
		WorkHandle forgotten = small.enqueue("a", (context) -> {
		});
		small.enqueue("b", (context) -> {
		});
		small.enqueue("c", (context) -> {
		});
		assertThat(small.find(forgotten.id())).isEmpty();
		assertThat(small.items(WorkQuery.first(10)).total()).isEqualTo(2);
	}

	@Test
	void closedQueueRefusesWork() {
		this.queue.close();
		assertThatExceptionOfType(WorkRejectedException.class).isThrownBy(() -> this.queue.enqueue("mail", (c) -> {
		})).satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(WorkRejectedException.Reason.SHUTTING_DOWN));
		assertThat(this.queue.statistics().state()).isEqualTo(QueueState.TERMINATED);
		assertThat(this.queue.statistics().totals().rejected()).isEqualTo(1);
	}

	@Test
	void blankNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueue(" ", (context) -> {
		})).withMessage("name must not be blank");
	}

}
