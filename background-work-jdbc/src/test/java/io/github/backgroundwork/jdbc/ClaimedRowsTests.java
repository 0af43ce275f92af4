package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

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
 * Every row a claim returns is run, failed or handed back, whatever goes wrong with one
 * of them: none stays claimed and forgotten until its lease expires (which would consume
 * its attempt: an item without retries would fail without ever running).
 */
class ClaimedRowsTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	private final Counting handlers = new Counting();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	@BeforeEach
	void clear() {
		database.clear();
	}

	@AfterEach
	void stopQueues() {
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	@Test
	void claimedRowsAreNeverOrphaned() {
		// Thrown while the row is handed over, with no message: writing its failure once
		// threw too, and the rows after it in the batch were left claimed
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(8)
			.threadNamePrefix("orphans-")
			.handlers(WorkHandlers.of(this.handlers))
			.decorator((item, execution) -> {
				if (item.name().equals("poison")) {
					throw new IllegalStateException();
				}
				return execution;
			})
			.durableWork(JdbcDurableWork.factory(database.dataSource(), database.store(Duration.ofSeconds(30)),
					JsonMapper.shared(), Duration.ofMillis(200), Duration.ofDays(7)))
			.build();
		this.queues.add(queue);
		// Due first, so that it is first in the batch
		String poison = queue
			.enqueue(WorkRequest.builder("poison", new Mail(0)).notBefore(Instant.now().minusSeconds(60)).build())
			.id();
		List<String> mails = new ArrayList<>();
		for (int customer = 1; customer <= 6; customer++) {
			mails.add(queue.enqueue(WorkRequest.builder("mail", new Mail(customer)).maxRetries(0).build()).id());
		}
		queue.start();
		// Well within the lease: nothing waits for it to expire
		await().atMost(Duration.ofSeconds(15))
			.until(() -> mails.stream().allMatch((id) -> row(id).state() == StoredState.SUCCEEDED));
		assertThat(mails).allSatisfy((id) -> assertThat(row(id).attempts()).isOne());
		assertThat(this.handlers.runs).hasSize(6).allSatisfy((customer, runs) -> assertThat(runs).isOne());
		await().atMost(Duration.ofSeconds(15)).until(() -> row(poison).state() == StoredState.FAILED);
		assertThat(row(poison).error()).contains("IllegalStateException");
	}

	@Test
	void rowsHeldUnderThisOwnerButUntrackedAreHandedBack() {
		AtomicReference<JdbcDurableWork> durable = new AtomicReference<>();
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix("untracked-")
			.handlers(WorkHandlers.of(this.handlers))
			.durableWork(JdbcDurableWork
				.factory(database.dataSource(), database.store(Duration.ofSeconds(3)), JsonMapper.shared(),
						Duration.ofMillis(200), Duration.ofDays(7))
				.andThen((work) -> {
					durable.set((JdbcDurableWork) work);
					return work;
				}))
			.build();
		this.queues.add(queue);
		queue.start();
		String id = queue
			.enqueue(WorkRequest.builder("mail", new Mail(7)).delay(Duration.ofHours(1)).maxRetries(0).build())
			.id();
		// As a claim whose answer was lost leaves it: running under this queue's name,
		// leased for long, unknown to the queue
		OffsetDateTime now = OffsetDateTime.now();
		assertThat(database.jdbc()
			.update("UPDATE background_work SET state = 'RUNNING', owner = ?, attempts = 1, started_at = ?, "
					+ "lease_until = ?, not_before = ? WHERE id = ?", durable.get().owner(), now, now.plusHours(1),
					now.minusSeconds(1), id))
			.isOne();
		await().atMost(Duration.ofSeconds(15)).until(() -> row(id).state() == StoredState.SUCCEEDED);
		assertThat(row(id).attempts()).as("handed back, not failed: the attempt was not consumed").isOne();
		assertThat(this.handlers.runs).containsEntry(7, 1);
	}

	private static StoredWork row(String id) {
		return database.store().reader().findById(id).orElseThrow();
	}

	/**
	 * Counts the runs of each mail.
	 */
	static class Counting {

		final Map<Integer, Integer> runs = new ConcurrentHashMap<>();

		@BackgroundWorkHandler("mail")
		void mail(Mail mail) {
			this.runs.merge(mail.customer(), 1, Integer::sum);
		}

		@BackgroundWorkHandler("poison")
		void poison(Mail mail) {
			this.runs.merge(mail.customer(), 1, Integer::sum);
		}

	}

}
