package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.recurring.MissedRuns;
import io.github.backgroundwork.recurring.RecurringNames;
import io.github.backgroundwork.recurring.RecurringSchedule;
import io.github.backgroundwork.recurring.RecurringScheduler;
import io.github.backgroundwork.recurring.RecurringWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recurring work on H2 and an operator's bulk delete: its ended items go, its pending run
 * stays on schedule. A class of its own, so that no other test's scheduler shares its
 * database.
 */
class H2RecurringBulkDeleteTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	private final RecurringTicks ticks = new RecurringTicks();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	private final List<RecurringScheduler> schedulers = new ArrayList<>();

	@BeforeEach
	void clear() {
		database.clear();
		database.jdbc().update("DELETE FROM background_work_recurring");
	}

	@AfterEach
	void stop() {
		this.schedulers.forEach(RecurringScheduler::stop);
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	@Test
	void bulkDeleteOfARecurringNamesEndedItemsLeavesItsPendingRunOnSchedule() {
		RecurringScheduler scheduler = start("a-", RecurringSchedule.every(Duration.ofHours(1)));
		DefaultBackgroundWorkQueue queue = this.queues.get(0);
		await().atMost(Duration.ofSeconds(20)).until(() -> pendingState() == StoredState.SCHEDULED);
		String pending = pendingItem();
		// Ended items of the name: two runs now, outside the schedule
		scheduler.trigger("tick");
		scheduler.trigger("tick");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() == 2);
		// Both outcomes written before the delete, which takes only ended rows
		await().atMost(Duration.ofSeconds(20))
			.until(() -> database.jdbc()
				.queryForObject("SELECT COUNT(*) FROM background_work WHERE name = 'tick' AND state = 'SUCCEEDED'",
						Integer.class) == 2);
		int ended = database.jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE name = 'tick' AND state IN "
					+ "('SUCCEEDED', 'FAILED', 'CANCELLED')", Integer.class);
		assertThat(ended).as("the two runs, and any due time the start superseded").isGreaterThanOrEqualTo(2);
		assertThat(queue.deleteAll(new WorkFilter(null, "tick", null, null))).isEqualTo(new BulkResult(ended, ended));
		assertThat(queue.deleteAll(new WorkFilter(WorkState.SCHEDULED, "tick", null, null)))
			.as("a waiting item is not deleted, even when asked for")
			.isEqualTo(new BulkResult(0, 0));
		// The scheduler's next steps keep the same pending run at the same due time
		Instant due = database.store().reader().findById(pending).orElseThrow().notBefore();
		JdbcRecurringStore clock = new JdbcRecurringStore(database.dataSource(), "background_work");
		Instant later = clock.now().plusSeconds(3);
		await().atMost(Duration.ofSeconds(20)).until(() -> clock.now().isAfter(later));
		assertThat(pendingItem()).isEqualTo(pending);
		assertThat(pendingState()).isEqualTo(StoredState.SCHEDULED);
		assertThat(scheduler.statuses()).singleElement()
			.satisfies((status) -> assertThat(status.nextDue()).isEqualTo(due));
		assertThat(database.jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE name = 'tick'", Integer.class)).isOne();
	}

	private StoredState pendingState() {
		List<String> items = database.jdbc()
			.queryForList("SELECT item_id FROM background_work_recurring", String.class);
		return items.isEmpty() ? null
				: database.store().reader().findById(items.get(0)).map(StoredWork::state).orElse(null);
	}

	private String pendingItem() {
		return database.jdbc().queryForObject("SELECT item_id FROM background_work_recurring", String.class);
	}

	private RecurringScheduler start(String prefix) {
		return start(prefix, RecurringSchedule.every(Duration.ofSeconds(1)));
	}

	private RecurringScheduler start(String prefix, RecurringSchedule schedule) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofSeconds(5))
			.handlers(WorkHandlers.of(this.ticks))
			.durableWork(JdbcDurableWork.factory(database.dataSource(), database.store(), JsonMapper.shared(),
					Duration.ofMillis(100), Duration.ofDays(7)))
			.build();
		RecurringWork work = new RecurringWork("tick", schedule, MissedRuns.RUN_ONCE, 1);
		RecurringScheduler scheduler = new RecurringScheduler(queue,
				new JdbcRecurringStore(database.dataSource(), "background_work"), () -> RecurringNames.of(work));
		this.queues.add(queue);
		this.schedulers.add(scheduler);
		queue.start();
		scheduler.start();
		return scheduler;
	}

}
