package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queue keeps the leases of what it holds for as long as it holds it: neither a long
 * claim loop nor a stop at the deadline lets another instance take over work that still
 * runs here.
 */
class LeaseRenewalTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	private final Slow handlers = new Slow();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	@BeforeEach
	void clear() {
		database.clear();
	}

	@AfterEach
	void stopQueues() {
		this.handlers.release.countDown();
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	@Test
	void renewalIsNotStarvedByALongClaimLoop() throws Exception {
		DefaultBackgroundWorkQueue busy = queue("busy-", 4, Duration.ofSeconds(15));
		String slow = busy
			.enqueue(WorkRequest.builder("slow", new Mail(0)).notBefore(Instant.now().minusSeconds(60)).build())
			.id();
		// A backlog of quick items that keeps the claim loop busy for far longer than the
		// lease
		int quick = 1000;
		GeneratedRows.insert(database, "quick-", quick, "quick", "QUEUED", null);
		busy.start();
		assertThat(this.handlers.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
		// Another instance, with nothing else to claim, that would take the slow item
		// over
		// once its lease expired
		queue("rescuer-", 1, Duration.ofSeconds(15), new SlowOnly(this.handlers)).start();
		long start = System.nanoTime();
		await().atMost(Duration.ofSeconds(120)).until(() -> this.handlers.quick.get() >= quick);
		long millis = (System.nanoTime() - start) / 1_000_000;
		this.handlers.release.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> row(slow).state() == StoredState.SUCCEEDED);
		assertThat(this.handlers.slowRuns).as("slow item run once; quick items ran for %d ms", millis).hasValue(1);
		assertThat(row(slow).attempts()).isOne();
	}

	@Test
	void abandonedItemKeepsItsClaimWhileItsCodeRuns() throws Exception {
		DefaultBackgroundWorkQueue stopping = queue("stopping-", 1, Duration.ofMillis(100));
		stopping.start();
		String slow = stopping.enqueue(WorkRequest.of("slow", new Mail(0))).id();
		assertThat(this.handlers.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
		stopping.stop();
		// Its code ignores the interrupt and runs on: the row stays claimed, and renewed
		// past its first lease, so another instance does not start it meanwhile
		StoredWork held = row(slow);
		assertThat(held.state()).isEqualTo(StoredState.RUNNING);
		queue("rescuer-", 1, Duration.ofSeconds(15), new SlowOnly(this.handlers)).start();
		await().atMost(Duration.ofSeconds(20)).until(() -> row(slow).leaseUntil().isAfter(held.leaseUntil()));
		assertThat(row(slow).state()).isEqualTo(StoredState.RUNNING);
		assertThat(row(slow).owner()).isEqualTo(held.owner());
		assertThat(this.handlers.slowRuns).hasValue(1);
		// Once it returns, the row is handed back and runs again, once, elsewhere
		this.handlers.release.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> row(slow).state() == StoredState.SUCCEEDED);
		assertThat(this.handlers.slowRuns).hasValue(2);
		assertThat(row(slow).attempts()).as("handed back: its cut attempt was given back").isOne();
	}

	private DefaultBackgroundWorkQueue queue(String prefix, int concurrency, Duration drainTimeout) {
		return queue(prefix, concurrency, drainTimeout, this.handlers);
	}

	private DefaultBackgroundWorkQueue queue(String prefix, int concurrency, Duration drainTimeout, Object handlers) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(concurrency)
			.threadNamePrefix(prefix)
			.drainTimeout(drainTimeout)
			.cancellationGrace(Duration.ofMillis(100))
			.handlers(WorkHandlers.of(handlers))
			.durableWork(JdbcDurableWork.factory(database.dataSource(), database.store(Duration.ofSeconds(3)),
					JsonMapper.shared(), Duration.ofMillis(200), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		return queue;
	}

	private static StoredWork row(String id) {
		return database.store().reader().findById(id).orElseThrow();
	}

	/**
	 * Quick items, and a slow one that ignores interrupts until released.
	 */
	static class Slow {

		final AtomicInteger quick = new AtomicInteger();

		final AtomicInteger slowRuns = new AtomicInteger();

		final CountDownLatch slowStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@BackgroundWorkHandler("quick")
		void quick(Mail mail) throws InterruptedException {
			// Ends while the next claim runs: a success always waits to be recorded
			Thread.sleep(20);
			this.quick.incrementAndGet();
		}

		@BackgroundWorkHandler("slow")
		void slow(Mail mail) {
			this.slowRuns.incrementAndGet();
			this.slowStarted.countDown();
			while (true) {
				try {
					this.release.await();
					return;
				}
				catch (InterruptedException ex) {
					// Ignored, as badly behaved work does
				}
			}
		}

	}

	/**
	 * The slow item only.
	 */
	static class SlowOnly {

		private final Slow slow;

		SlowOnly(Slow slow) {
			this.slow = slow;
		}

		@BackgroundWorkHandler("slow")
		void slow(Mail mail) {
			this.slow.slow(mail);
		}

	}

}
