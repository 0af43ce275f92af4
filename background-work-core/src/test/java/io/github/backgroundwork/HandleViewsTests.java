package io.github.backgroundwork;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the handle, the context given to the work and what listeners see are
 * separate views, none of which can run or settle an item, and that a completion cannot
 * be completed by its callers.
 */
class HandleViewsTests {

	private final List<WorkInfo> heard = new CopyOnWriteArrayList<>();

	private final DefaultBackgroundWorkQueue queue = TestQueues.started(DefaultBackgroundWorkQueue.builder()
		.concurrency(1)
		.threadNamePrefix("views-tests-")
		.errorHandler((item, error) -> {
		})
		.listener(new WorkListener() {

			@Override
			public void onStarted(WorkInfo item) {
				HandleViewsTests.this.heard.add(item);
			}

		}));

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void callersCannotCompleteAnItemsCompletion() throws Exception {
		WorkHandle failing = this.queue.enqueue("failing", (context) -> {
			throw new IOException("disk full");
		});
		CompletableFuture<Void> future = failing.completion().toCompletableFuture();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> future.complete(null));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> future.completeExceptionally(new IllegalStateException()));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> future.cancel(true));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> future.obtrudeValue(null));
		await().atMost(Duration.ofSeconds(5)).until(() -> failing.state() == WorkState.FAILED);
		// Every caller still sees the failure
		assertThat(failing.completion().handle((result, ex) -> ex).toCompletableFuture().get(5, TimeUnit.SECONDS))
			.isInstanceOf(IOException.class);
		assertThat(this.queue.statistics().totals().failed()).isOne();
	}

	@Test
	void completionsThatAreNotAskedForStillReportTheOutcome() throws Exception {
		WorkHandle handle = this.queue.enqueue("late", (context) -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> handle.state() == WorkState.SUCCEEDED);
		// Asked for after the end: completed at once
		assertThat(handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void handleContextAndListenerViewCannotRunTheItem() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<WorkContext> context = new AtomicReference<>();
		WorkHandle blocker = this.queue.enqueue("blocker", (work) -> {
			context.set(work);
			release.await();
		});
		WorkHandle queued = this.queue.enqueue("queued", (work) -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> context.get() != null);
		assertThat(queued).isNotInstanceOf(Runnable.class).isNotInstanceOf(WorkContext.class);
		assertThat(context.get()).isNotInstanceOf(Runnable.class).isNotInstanceOf(WorkInfo.class).isNotSameAs(blocker);
		assertThat(this.heard).singleElement().isNotInstanceOf(Runnable.class).isNotInstanceOf(WorkContext.class);
		assertThat(queued.state()).isEqualTo(WorkState.QUEUED);
		release.countDown();
		queued.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(context.get().id()).isEqualTo(blocker.id());
	}

}
