package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.actuate.BackgroundWorkHealthIndicator;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A claimer whose database goes away backs off, says so once and once more when it is
 * back, reports the queue DOWN meanwhile, and loses no outcome.
 */
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class StoreOutageTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Test
	void databaseOutageBacksOffAndLogsOnce(CapturedOutput output) {
		FlakyDataSource dataSource = new FlakyDataSource(database.dataSource());
		CountingMails handlers = new CountingMails(Duration.ZERO);
		DefaultBackgroundWorkQueue queue = queue(dataSource, handlers, Duration.ofSeconds(30));
		try {
			queue.start();
			String before = queue.enqueue(WorkRequest.of("mail", new Mail(1))).id();
			await().atMost(Duration.ofSeconds(10)).until(() -> state(before) == StoredState.SUCCEEDED);
			BackgroundWorkHealthIndicator indicator = new BackgroundWorkHealthIndicator(queue);
			dataSource.failing(true);
			await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.DOWN));
			int asked = dataSource.asked();
			// Backing off from 100 ms, doubling: a handful of tries in 4 s, not thousands
			await().during(Duration.ofSeconds(4))
				.atMost(Duration.ofSeconds(10))
				.until(() -> indicator.health().getStatus().equals(Status.DOWN));
			assertThat(dataSource.asked() - asked).isBetween(1, 20);
			Health down = indicator.health();
			assertThat(down.getDetails()).containsEntry("store", "unreachable")
				.containsKey("storeUnreachableSince")
				.hasEntrySatisfying("storeError", (error) -> assertThat(error.toString()).contains("simulated"));
			dataSource.failing(false);
			await().atMost(Duration.ofSeconds(20)).until(() -> indicator.health().getStatus().equals(Status.UP));
			String after = queue.enqueue(WorkRequest.of("mail", new Mail(2))).id();
			await().atMost(Duration.ofSeconds(10)).until(() -> state(after) == StoredState.SUCCEEDED);
		}
		finally {
			queue.stop();
		}
		List<String> lines = output.getOut().lines().filter((line) -> line.contains(owner(queue))).toList();
		assertThat(lines).filteredOn((line) -> line.contains(" WARN ")).hasSize(1);
		assertThat(lines).filteredOn((line) -> line.contains("cannot reach its store"))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(FlakyDataSource.REFUSED));
		assertThat(lines).filteredOn((line) -> line.contains("reaches its store again")).hasSize(1);
	}

	@Test
	void outcomesSurviveALostConnection() throws Exception {
		database.clear();
		FlakyDataSource dataSource = new FlakyDataSource(database.dataSource());
		CountingMails handlers = new CountingMails(Duration.ofMillis(2));
		DefaultBackgroundWorkQueue queue = queue(dataSource, handlers, Duration.ofSeconds(3));
		List<WorkRequest> requests = new ArrayList<>();
		for (int customer = 0; customer < 1000; customer++) {
			requests.add(WorkRequest.of("mail", new Mail(customer)));
		}
		queue.enqueueAll(requests);
		Thread outages = new Thread(() -> {
			// Short outages, well within the lease, while items end
			while (!Thread.currentThread().isInterrupted()) {
				try {
					dataSource.failing(true);
					Thread.sleep(120);
					dataSource.failing(false);
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
			dataSource.failing(false);
		});
		try {
			queue.start();
			outages.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> handlers.runs.size() >= 500);
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> succeeded() == 1000 || handlers.ranTwice());
		}
		finally {
			outages.interrupt();
			outages.join();
			dataSource.failing(false);
			queue.stop();
		}
		assertThat(handlers.runs).hasSize(1000).allSatisfy((customer, runs) -> assertThat(runs).isOne());
		assertThat(succeeded()).isEqualTo(1000);
	}

	@Test
	void anOutageLongerThanTheLeaseThatEveryInstanceSawRunsNothingTwice() throws Exception {
		database.clear();
		// One database, two instances, each with its connections: both lose it for longer
		// than their leases, and one gets it back a second before the other
		FlakyDataSource first = new FlakyDataSource(database.dataSource());
		FlakyDataSource second = new FlakyDataSource(database.dataSource());
		CountingMails handlers = new CountingMails(Duration.ofMillis(2));
		DefaultBackgroundWorkQueue late = queue(first, handlers, Duration.ofSeconds(2));
		DefaultBackgroundWorkQueue early = queue(second, handlers, Duration.ofSeconds(2));
		List<WorkRequest> requests = new ArrayList<>();
		for (int customer = 0; customer < 1000; customer++) {
			requests.add(WorkRequest.of("mail", new Mail(customer)));
		}
		late.enqueueAll(requests);
		try {
			late.start();
			early.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> handlers.runs.size() >= 300);
			first.failing(true);
			second.failing(true);
			// The outage's length: 3 s, past the 2 s leases, then 1 s more for one
			// instance.
			// Items still end meanwhile, and their outcomes wait
			Thread.sleep(3000);
			second.failing(false);
			Thread.sleep(1000);
			first.failing(false);
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> succeeded() == 1000 || handlers.ranTwice());
		}
		finally {
			first.failing(false);
			second.failing(false);
			late.stop();
			early.stop();
		}
		// The instance back first knew the store had been away: it left the other's
		// expired
		// rows alone for a lease, time enough for their owner to come back and renew them
		assertThat(handlers.runs).hasSize(1000).allSatisfy((customer, runs) -> assertThat(runs).isOne());
		assertThat(succeeded()).isEqualTo(1000);
	}

	@Test
	void aStoreThatStallsPastTheLeaseRunsNothingTwice() throws Exception {
		database.clear();
		// As a database that restarts looks through a pool: nothing fails, statements
		// wait
		// for connections, past the 2 s leases, and one instance gets them a second first
		FlakyDataSource first = new FlakyDataSource(database.dataSource());
		FlakyDataSource second = new FlakyDataSource(database.dataSource());
		CountingMails handlers = new CountingMails(Duration.ofMillis(2));
		DefaultBackgroundWorkQueue late = queue(first, handlers, Duration.ofSeconds(2));
		DefaultBackgroundWorkQueue early = queue(second, handlers, Duration.ofSeconds(2));
		List<WorkRequest> requests = new ArrayList<>();
		for (int customer = 0; customer < 1000; customer++) {
			requests.add(WorkRequest.of("mail", new Mail(customer)));
		}
		late.enqueueAll(requests);
		try {
			late.start();
			early.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> handlers.runs.size() >= 300);
			first.stall();
			second.stall();
			// The stall's length: 3 s, then 1 s more for one instance
			Thread.sleep(3000);
			second.answer();
			Thread.sleep(1000);
			first.answer();
			await().atMost(Duration.ofSeconds(60)).until(() -> succeeded() == 1000 || handlers.ranTwice());
		}
		finally {
			first.answer();
			second.answer();
			late.stop();
			early.stop();
		}
		assertThat(handlers.runs).hasSize(1000).allSatisfy((customer, runs) -> assertThat(runs).isOne());
		assertThat(succeeded()).isEqualTo(1000);
	}

	private static DefaultBackgroundWorkQueue queue(FlakyDataSource dataSource, CountingMails handlers,
			Duration lease) {
		JdbcWorkStore store = JdbcWorkStore.builder(dataSource).lease(lease).build();
		return DefaultBackgroundWorkQueue.builder()
			.concurrency(4)
			.threadNamePrefix("outage-")
			.handlers(WorkHandlers.of(handlers))
			.durableWork(JdbcDurableWork.factory(dataSource, store, JsonMapper.shared(), Duration.ofMillis(200),
					Duration.ofDays(7)))
			.build();
	}

	private static String owner(DefaultBackgroundWorkQueue queue) {
		return ((JdbcDurableWork) queue.durableWork().orElseThrow()).owner();
	}

	private static StoredState state(String id) {
		return database.store().reader().findById(id).orElseThrow().state();
	}

	private static int succeeded() {
		Integer count = database.jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'SUCCEEDED'", Integer.class);
		return (count != null) ? count : 0;
	}

}
