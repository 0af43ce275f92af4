package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.QueueIsolationHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stored work is claimed by the queue it was enqueued on, a name at its
 * {@code concurrency} limit never takes the places of other names, and a row whose
 * payload class this instance lacks is left for another instance: checked through the
 * queues' public API and the rows.
 */
abstract class AbstractQueueIsolationAndLimitsTests {

	private final QueueIsolationHandlers handlers = new QueueIsolationHandlers();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	abstract TestDatabase database();

	@BeforeEach
	void clear() {
		database().clear();
	}

	@AfterEach
	void stopQueues() {
		this.handlers.release.countDown();
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	@Test
	void eachQueueClaimsOnlyItsOwnStoredWork() {
		// Both queues have every handler, as queues of one application do; the mail queue
		// starts first and is idle, ready to take whatever it may
		DefaultBackgroundWorkQueue mail = startedQueue("mail", "mail-");
		DefaultBackgroundWorkQueue exports = startedQueue("exports", "exports-");
		List<WorkRequest> requests = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			requests.add(WorkRequest.of((i % 2 == 0) ? "export" : "mail", new Mail(i)));
		}
		exports.enqueueAll(requests.subList(0, 20));
		mail.enqueueAll(requests.subList(20, 40));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.ranOn.size() == 40);
		for (int i = 0; i < 40; i++) {
			assertThat(this.handlers.ranOn.get(i)).as("item %d", i).startsWith((i < 20) ? "exports-" : "mail-");
		}
		assertThat(database().jdbc()
			.queryForList("SELECT DISTINCT queue FROM background_work ORDER BY queue", String.class))
			.containsExactly("exports", "mail");
	}

	@Test
	void aNameAtItsLimitDoesNotHoldUpOtherNames() {
		DefaultBackgroundWorkQueue queue = startedQueue("work", "work-");
		List<WorkRequest> backlog = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			backlog.add(WorkRequest.of("limited", new Mail(i)));
		}
		queue.enqueueAll(backlog);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.handlers.ranOn.size() == 1);
		// 1 of the 4 places runs the limited name; the other 3 stay free for other names
		String free = queue.enqueue(WorkRequest.of("export", new Mail(100))).id();
		await().atMost(Duration.ofSeconds(10)).until(() -> state(free) == StoredState.SUCCEEDED);
		assertThat(countIn(StoredState.QUEUED)).isEqualTo(19);
		assertThat(countIn(StoredState.RUNNING)).isEqualTo(1);
	}

	@Test
	void aRowWhosePayloadClassIsMissingHereIsLeftForAnotherInstance() {
		DefaultBackgroundWorkQueue queue = startedQueue(JdbcWorkStore.DEFAULT_QUEUE, "old-");
		// Written by a newer version of the application, whose payload class this one
		// lacks
		String id = "newer-1";
		database().store()
			.insert(new NewWork(id, "export", null, "{\"customer\": 7}", "com.example.v2.ExportRequest", 3, null,
					Duration.ZERO, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> row(id).unreadableBy() != null);
		StoredWork row = row(id);
		assertThat(row.state()).isEqualTo(StoredState.QUEUED);
		assertThat(row.attempts()).isZero();
		assertThat(row.unreadableBy()).startsWith("bgwork-");
		assertThat(row.unreadableReason()).contains("com.example.v2.ExportRequest");
		// Not claimed here again for a while: still queued, still saying who could not
		// read it, over several poll intervals
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> row(id).state() == StoredState.QUEUED && row(id).unreadableBy() != null);
		assertThat(this.handlers.ranOn).isEmpty();
		// Work this instance can read still runs
		String readable = queue.enqueue(WorkRequest.of("export", new Mail(1))).id();
		await().atMost(Duration.ofSeconds(10)).until(() -> state(readable) == StoredState.SUCCEEDED);
	}

	private DefaultBackgroundWorkQueue startedQueue(String name, String prefix) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(4)
			.threadNamePrefix(prefix)
			.handlers(WorkHandlers.of(this.handlers))
			.durableWork(JdbcDurableWork.builder(database().dataSource(), database().store(), JsonMapper.shared())
				.queue(name)
				.pollInterval(Duration.ofMillis(100))
				.factory())
			.build();
		this.queues.add(queue);
		queue.start();
		return queue;
	}

	private StoredWork row(String id) {
		return database().store().reader().findById(id).orElseThrow();
	}

	private StoredState state(String id) {
		return row(id).state();
	}

	private int countIn(StoredState state) {
		Integer count = database().jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = ?", Integer.class, state.name());
		return (count != null) ? count : 0;
	}

}
