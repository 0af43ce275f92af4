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
 * Recurring work on H2: two instances of one database run each due time once, and an
 * operator's bulk delete leaves the pending run alone (the PostgreSQL tests try the
 * rest).
 */
class H2RecurringWorkTests {

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
	void eachDueTimeRunsOnceOnTwoInstances() {
		start("a-");
		start("b-");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 4);
		stop();
		List<String> keys = database.jdbc()
			.queryForList("SELECT work_key FROM background_work WHERE name = 'tick' AND state = 'SUCCEEDED'",
					String.class);
		assertThat(keys).doesNotHaveDuplicates().hasSameSizeAs(this.ticks.runs);
		assertThat(this.ticks.runsById()).allSatisfy((id, runs) -> assertThat(runs).isOne());
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
