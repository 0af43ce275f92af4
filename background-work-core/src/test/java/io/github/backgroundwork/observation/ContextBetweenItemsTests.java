package io.github.backgroundwork.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.TestQueues;
import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests through a queue that what one item leaves on its thread never reaches the next,
 * whether the items were enqueued with context to carry (and wrapped) or with nothing to
 * carry (and left undecorated, the decorator cleaning up after them), on a worker and on
 * a caller that runs an item itself.
 */
class ContextBetweenItemsTests {

	private final ThreadLocal<String> tenant = new ThreadLocal<>();

	private final ThreadLocal<String> user = new ThreadLocal<>();

	private final List<String> seen = new CopyOnWriteArrayList<>();

	private DefaultBackgroundWorkQueue queue;

	@AfterEach
	void close() {
		this.tenant.remove();
		this.user.remove();
		if (this.queue != null) {
			this.queue.close();
		}
	}

	@Test
	void whatAnItemLeavesOnItsWorkerIsGoneForTheNextWhateverEachCarried() throws Exception {
		start(DefaultBackgroundWorkQueue.builder());
		// Nothing to carry: left undecorated; leaves both values behind
		WorkHandle first = this.queue.enqueue("first", (context) -> {
			see("first");
			this.tenant.set("left by first");
			this.user.set("left by first");
		});
		WorkHandle second = this.queue.enqueue("second", (context) -> see("second"));
		this.tenant.set("acme");
		// Carries the tenant: wrapped; leaves a user behind
		WorkHandle third = this.queue.enqueue("third", (context) -> {
			see("third");
			this.user.set("left by third");
		});
		this.tenant.remove();
		WorkHandle fourth = this.queue.enqueue("fourth", (context) -> see("fourth"));
		for (WorkHandle handle : List.of(first, second, third, fourth)) {
			await(handle);
		}
		assertThat(this.seen).containsExactly("first: null/null", "second: null/null", "third: acme/null",
				"fourth: null/null");
	}

	@Test
	void aCallerThatRunsAnItemItselfKeepsItsOwnContextAndNotWhatTheWorkLeft() throws Exception {
		start(DefaultBackgroundWorkQueue.builder().capacity(1).whenFull(WhenFull.CALLER_RUNS));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch holding = new CountDownLatch(1);
		WorkHandle holder = this.queue.enqueue("holder", (context) -> {
			holding.countDown();
			release.await();
		});
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		WorkHandle queued;
		WorkHandle undecorated;
		WorkHandle wrapped;
		try {
			queued = this.queue.enqueue("queued", (context) -> see("queued"));
			String caller = Thread.currentThread().getName();
			// The queue is full: this caller runs the next two items itself
			undecorated = this.queue.enqueue("inline, nothing to carry", (context) -> {
				see("inline, nothing to carry");
				this.seen.add("ran on the caller: " + Thread.currentThread().getName().equals(caller));
				this.tenant.set("left by the work");
			});
			assertThat(undecorated.state()).as("ran on the caller before enqueue returned")
				.isEqualTo(WorkState.SUCCEEDED);
			assertThat(this.tenant.get()).as("what work with nothing to carry left on the caller").isNull();
			this.tenant.set("caller's tenant");
			wrapped = this.queue.enqueue("inline, carrying", (context) -> {
				see("inline, carrying");
				this.user.set("left by the work");
			});
			assertThat(this.tenant.get()).isEqualTo("caller's tenant");
			assertThat(this.user.get()).as("what work that carried a value left on the caller").isNull();
		}
		finally {
			release.countDown();
		}
		for (WorkHandle handle : List.of(holder, queued, undecorated, wrapped)) {
			await(handle);
		}
		assertThat(this.seen).containsExactly("inline, nothing to carry: null/null", "ran on the caller: true",
				"inline, carrying: caller's tenant/null", "queued: null/null");
	}

	private void start(DefaultBackgroundWorkQueue.Builder builder) {
		ContextPropagatingWorkDecorator decorator = new ContextPropagatingWorkDecorator(
				new ContextRegistry().registerThreadLocalAccessor("tenant", this.tenant)
					.registerThreadLocalAccessor("user", this.user));
		this.queue = TestQueues
			.started(builder.concurrency(1).threadNamePrefix("context-between-items-").decorator(decorator));
	}

	private void see(String item) {
		this.seen.add(item + ": " + this.tenant.get() + "/" + this.user.get());
	}

	private static void await(WorkHandle handle) throws InterruptedException {
		try {
			handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError(handle.name() + " failed", ex);
		}
		catch (TimeoutException ex) {
			throw new AssertionError(handle.name() + " did not end within 10 s", ex);
		}
	}

}
