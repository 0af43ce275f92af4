package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A claimer whose work ends faster than its claims come back claims rows ahead of its
 * free places, so that each commit carries more than the concurrency's worth; what it
 * claimed ahead runs once, and what has not started when the queue stops is handed back
 * with its attempt.
 */
abstract class AbstractClaimAheadTests {

	static final int CONCURRENCY = 2;

	final Steps steps = new Steps();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	final AtomicInteger borrowed = new AtomicInteger();

	abstract TestDatabase database();

	@BeforeEach
	void clear() {
		database().clear();
	}

	@AfterEach
	void stopQueues() {
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	@Test
	void quickWorkIsClaimedAheadSoThatEachRoundTripCarriesMoreThanTheFreePlaces() {
		int items = 600;
		DefaultBackgroundWorkQueue queue = queue("ahead-a-");
		enqueue(queue, items);
		this.borrowed.set(0);
		queue.start();
		await().atMost(Duration.ofSeconds(120)).until(() -> count("SUCCEEDED") == items);
		// Without claiming ahead, a claim takes at most the concurrency's worth of rows:
		// it
		// would take at least items / CONCURRENCY round trips, each a connection
		assertThat(this.borrowed.get()).as("connections borrowed by the store").isLessThan(items / CONCURRENCY);
		assertThat(this.steps.completed).hasSize(items).allSatisfy((n, runs) -> assertThat(runs).isOne());
	}

	@Test
	void rowsClaimedAheadThatHaveNotStartedAreHandedBackWithTheirAttemptAtStop() throws Exception {
		int items = 400;
		DefaultBackgroundWorkQueue stopping = queue("ahead-a-");
		enqueue(stopping, items);
		this.steps.holdAfter = 100;
		stopping.start();
		// Once 100 ended, the work blocks until the stop asks it to end: what was
		// claimed ahead waits in the queue
		assertThat(this.steps.held.await(60, TimeUnit.SECONDS)).isTrue();
		stopping.stop();

		assertThat(count("RUNNING")).as("no row is left claimed").isZero();
		int succeeded = count("SUCCEEDED");
		assertThat(succeeded).isEqualTo(this.steps.completed.size());
		assertThat(database().jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'QUEUED' AND owner IS NULL "
					+ "AND attempts = 0", Integer.class))
			.as("every other row is handed back, its attempt given back")
			.isEqualTo(items - succeeded);

		queue("ahead-b-").start();
		await().atMost(Duration.ofSeconds(60)).until(() -> count("SUCCEEDED") == items);
		assertThat(this.steps.completed).hasSize(items).allSatisfy((n, runs) -> assertThat(runs).isOne());
	}

	void enqueue(DefaultBackgroundWorkQueue queue, int items) {
		List<WorkRequest> requests = new ArrayList<>();
		for (int n = 0; n < items; n++) {
			requests.add(WorkRequest.of("step", new Step(n)));
		}
		queue.enqueueAll(requests);
	}

	int count(String state) {
		Integer count = database().jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = ?", Integer.class, state);
		return (count != null) ? count : 0;
	}

	DefaultBackgroundWorkQueue queue(String prefix) {
		DataSource counting = new DelegatingDataSource(database().dataSource()) {

			@Override
			public Connection getConnection() throws SQLException {
				AbstractClaimAheadTests.this.borrowed.incrementAndGet();
				return super.getConnection();
			}

		};
		JdbcWorkStore store = JdbcWorkStore.builder(counting).lease(Duration.ofSeconds(10)).build();
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(CONCURRENCY)
			.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofMillis(300))
			.cancellationGrace(Duration.ofSeconds(10))
			.handlers(WorkHandlers.of(this.steps))
			.durableWork(JdbcDurableWork.factory(database().dataSource(), store, JsonMapper.shared(),
					Duration.ofMillis(200), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		return queue;
	}

	/**
	 * A step of work.
	 *
	 * @param n its number
	 */
	public record Step(int n) {
	}

	/**
	 * Ends at once, counting the steps that ran to the end; on the first queue, once
	 * {@code holdAfter} ended, waits until the stop asks it to end, and returns without
	 * counting.
	 */
	public static class Steps {

		final Map<Integer, Integer> completed = new ConcurrentHashMap<>();

		final CountDownLatch held = new CountDownLatch(CONCURRENCY);

		volatile int holdAfter = Integer.MAX_VALUE;

		@BackgroundWorkHandler("step")
		void step(Step step, WorkContext context) throws InterruptedException {
			if (Thread.currentThread().getName().startsWith("ahead-a-") && this.completed.size() >= this.holdAfter) {
				this.held.countDown();
				CountDownLatch asked = new CountDownLatch(1);
				context.onCancellation(asked::countDown);
				asked.await(60, TimeUnit.SECONDS);
				return;
			}
			this.completed.merge(step.n(), 1, Integer::sum);
		}

	}

}
