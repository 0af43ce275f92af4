package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.CancellationReason;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stored work that stops when a graceful stop asks it to is handed back to the store,
 * however it stops, and runs again elsewhere: a well-behaved item is never lost to a
 * shutdown.
 */
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractShutdownHandBackTests {

	private static final List<String> WAYS = List.of("returns", "throws-cancellation", "throws-illegal-state", "polls");

	private final Handlers handlers = new Handlers();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	abstract TestDatabase database();

	@BeforeEach
	void clear() {
		database().clear();
	}

	@AfterEach
	void stopQueues() {
		this.handlers.unblock.countDown();
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	@Test
	void wellBehavedWorkIsHandedBackAtShutdown(CapturedOutput output) throws Exception {
		DefaultBackgroundWorkQueue stopping = queue("handback-a-");
		stopping.start();
		Map<String, String> ids = new ConcurrentHashMap<>();
		for (String way : WAYS) {
			WorkHandle handle = stopping.enqueue(WorkRequest.builder("honours", new Stop(way)).maxRetries(3).build());
			ids.put(way, handle.id());
		}
		assertThat(this.handlers.startedOnA.await(20, TimeUnit.SECONDS)).isTrue();
		ids.values().forEach((id) -> assertThat(row(id).state()).isEqualTo(StoredState.RUNNING));

		stopping.stop();
		// Each stopped when asked, for the shutdown's reason, and its row went back
		assertThat(this.handlers.reasonsOnA).hasSize(4)
			.allSatisfy((way, reason) -> assertThat(reason).isEqualTo(CancellationReason.SHUTDOWN));
		assertThat(ids.values()).allSatisfy((id) -> {
			StoredWork row = row(id);
			assertThat(row.state()).as(row.toString()).isEqualTo(StoredState.QUEUED);
			assertThat(row.owner()).isNull();
			assertThat(row.attempts()).as("the attempt the stop cut short is given back").isZero();
			assertThat(row.error()).isNull();
		});
		String log = output.getOut();
		assertThat(ids.values())
			.allSatisfy((id) -> assertThat(log).contains("'honours' (" + id + ", stopped early at shutdown)"));
		assertThat(log).contains("handed back to the store");

		DefaultBackgroundWorkQueue other = queue("handback-b-");
		other.start();
		assertThat(ids.values()).allSatisfy(
				(id) -> await().atMost(Duration.ofSeconds(20)).until(() -> row(id).state() == StoredState.SUCCEEDED));
		assertThat(this.handlers.runsOnB).hasSize(4).allSatisfy((way, runs) -> assertThat(runs).isOne());
		assertThat(ids.values()).allSatisfy((id) -> assertThat(row(id).attempts()).isOne());
		assertThat(other.find(ids.get("polls")).orElseThrow().state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(database().jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE state <> 'SUCCEEDED'", Integer.class)).isZero();
	}

	@Test
	void storedWorkStillRunningAtTheDeadlineIsReportedApartFromWhatWasHandedBack(CapturedOutput output)
			throws Exception {
		DefaultBackgroundWorkQueue stopping = queue("handback-a-", Duration.ofMillis(300));
		stopping.start();
		String stuck = stopping.enqueue(WorkRequest.of("stuck", new Stop("ignores"))).id();
		String honours = stopping.enqueue(WorkRequest.of("honours", new Stop("returns"))).id();
		assertThat(this.handlers.stuckStarted.await(20, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.handlers.startedOnA.getCount() == WAYS.size() - 1);

		stopping.stop();
		// Its thread ignores the interrupt and is still in the handler: it is told apart
		List<String> lines = output.getOut().lines().filter((line) -> line.contains(" WARN ")).toList();
		assertThat(lines).filteredOn((line) -> line.contains("were still running at the shutdown deadline"))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("'stuck' (" + stuck + ", still running)")
				.contains("keeps its claim until its work returns")
				.doesNotContain(honours));
		assertThat(lines).filteredOn((line) -> line.contains("handed back to the store"))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("'honours' (" + honours + ", stopped early at shutdown)")
				.doesNotContain(stuck));
		assertThat(row(honours).state()).isEqualTo(StoredState.QUEUED);
	}

	private DefaultBackgroundWorkQueue queue(String prefix) {
		return queue(prefix, Duration.ofSeconds(10));
	}

	private DefaultBackgroundWorkQueue queue(String prefix, Duration cancellationGrace) {
		// A short drain; a long grace, which ends as soon as the items stop: they do at
		// once
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(4)
			.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofMillis(300))
			.cancellationGrace(cancellationGrace)
			.handlers(WorkHandlers.of(this.handlers))
			.retryPolicy(WorkRetryPolicy.builder().delay(Duration.ofMillis(20)).jitter(Duration.ZERO).build())
			.durableWork(JdbcDurableWork.factory(database().dataSource(), database().store(Duration.ofSeconds(5)),
					JsonMapper.shared(), Duration.ofMillis(200), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		return queue;
	}

	private StoredWork row(String id) {
		return database().store().reader().findById(id).orElseThrow();
	}

	/**
	 * How the work stops when asked.
	 *
	 * @param way one of {@link #WAYS}
	 */
	public record Stop(String way) {
	}

	/**
	 * A handler that, on the first queue, runs until asked to stop and then stops in the
	 * way its payload says; on the second, succeeds at once.
	 */
	public static class Handlers {

		final CountDownLatch startedOnA = new CountDownLatch(WAYS.size());

		final Map<String, CancellationReason> reasonsOnA = new ConcurrentHashMap<>();

		final Map<String, Integer> runsOnB = new ConcurrentHashMap<>();

		final CountDownLatch stuckStarted = new CountDownLatch(1);

		final CountDownLatch unblock = new CountDownLatch(1);

		/**
		 * Ignores the request and the interrupt, as badly behaved work does, until the
		 * test lets it go.
		 */
		@BackgroundWorkHandler("stuck")
		void stuck(Stop stop) {
			this.stuckStarted.countDown();
			while (true) {
				try {
					this.unblock.await();
					return;
				}
				catch (InterruptedException ex) {
					// keep blocking
				}
			}
		}

		@BackgroundWorkHandler("honours")
		void honours(Stop stop, WorkContext context) throws InterruptedException {
			if (Thread.currentThread().getName().startsWith("handback-b-")) {
				this.runsOnB.merge(stop.way(), 1, Integer::sum);
				return;
			}
			this.startedOnA.countDown();
			if (stop.way().equals("polls")) {
				while (!context.isCancellationRequested()) {
					Thread.sleep(5);
				}
				this.reasonsOnA.put(stop.way(), context.cancellationReason().orElseThrow());
				return;
			}
			CountDownLatch asked = new CountDownLatch(1);
			context.onCancellation(asked::countDown);
			asked.await(60, TimeUnit.SECONDS);
			this.reasonsOnA.put(stop.way(), context.cancellationReason().orElseThrow());
			switch (stop.way()) {
				case "throws-cancellation" -> context.throwIfCancellationRequested();
				case "throws-illegal-state" -> throw new IllegalStateException("stopped half-way");
				default -> {
				}
			}
		}

	}

}
