package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
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
 * Recurring work on several instances of one PostgreSQL database: each due time runs once
 * for the whole cluster whatever instances start, stop or die, no run overlaps the one
 * before, and missed due times run once or not at all.
 */
class PostgresRecurringClusterTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	private static final RecurringWork EVERY_SECOND = new RecurringWork("tick",
			RecurringSchedule.every(Duration.ofSeconds(1)), MissedRuns.RUN_ONCE, 1);

	private final RecurringTicks ticks = new RecurringTicks();

	private final List<Instance> instances = new ArrayList<>();

	@BeforeEach
	void clear() {
		database.clear();
		database.jdbc().update("DELETE FROM background_work_recurring");
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(Instance::stop);
	}

	@Test
	void eachDueTimeRunsOnceOnThreeInstancesThatRestartMeanwhile() {
		for (int i = 0; i < 3; i++) {
			start("i" + i + "-", EVERY_SECOND);
		}
		// Restart one instance after the third run and another after the fifth
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 3);
		this.instances.get(0).stop();
		start("i3-", EVERY_SECOND);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 5);
		this.instances.get(1).stop();
		start("i4-", EVERY_SECOND);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 7);
		this.instances.forEach(Instance::stop);
		List<String> keys = database.jdbc()
			.queryForList("SELECT work_key FROM background_work WHERE name = 'tick' AND state = 'SUCCEEDED'",
					String.class);
		assertThat(keys).as("one item per due time").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(7);
		assertThat(this.ticks.runsById()).as("each item ran once").allSatisfy((id, runs) -> assertThat(runs).isOne());
		assertThat(this.ticks.runs).hasSameSizeAs(keys);
		assertThat(this.ticks.ranOn.values()).as("runs spread over the instances")
			.anySatisfy((thread) -> assertThat(thread).doesNotStartWith("i0-"));
		assertThat(this.ticks.maxRunning).hasValue(1);
	}

	@Test
	void runOfAnInstanceThatDiedIsRescuedAndTheDueTimesFollow() {
		// An instance that enqueues the first due time, then claims it and dies holding
		// it
		Instance dead = start("dead-", EVERY_SECOND, false);
		String first = pendingItem();
		JdbcWorkStore deadStore = database.store(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> !deadStore.claim("dead", 1).isEmpty());
		dead.stop();
		start("alive-", EVERY_SECOND);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 3);
		StoredWork rescued = database.store().reader().findById(first).orElseThrow();
		assertThat(rescued.state()).isEqualTo(StoredState.SUCCEEDED);
		assertThat(rescued.attempts()).as("the dead instance's attempt counts").isEqualTo(2);
		assertThat(this.ticks.runs).first().isEqualTo(first);
		assertThat(this.ticks.runsById()).allSatisfy((id, runs) -> assertThat(runs).isOne());
	}

	@Test
	void missedDueTimesRunOnceAfterDowntime() {
		Instant restart = downAcrossDueTimes();
		String missed = pendingItem();
		start("back-", EVERY_SECOND);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 3);
		List<Instant> due = dueTimesRun();
		assertThat(this.ticks.runs).first().as("the missed due time runs once").isEqualTo(missed);
		assertThat(due.subList(1, due.size())).as("then back on schedule, no catch-up")
			.allSatisfy((time) -> assertThat(time).isAfter(restart));
	}

	@Test
	void missedDueTimesAreSkippedWhenMissedIsSkip() {
		RecurringWork skip = new RecurringWork("tick", EVERY_SECOND.schedule(), MissedRuns.SKIP, 1);
		Instant restart = downAcrossDueTimes();
		String missed = pendingItem();
		start("back-", skip);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 2);
		assertThat(database.store().reader().findById(missed).orElseThrow().state()).isEqualTo(StoredState.CANCELLED);
		assertThat(dueTimesRun()).allSatisfy((time) -> assertThat(time).isAfter(restart));
	}

	@Test
	void aRunLongerThanTheIntervalMakesTheNextWaitAndPiledUpDueTimesCollapse() {
		// Two due times come during each run: they wait for it, then run once
		this.ticks.runFor = Duration.ofMillis(2100);
		start("a-", EVERY_SECOND);
		start("b-", EVERY_SECOND);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ticks.runs.size() >= 3);
		this.instances.forEach(Instance::stop);
		assertThat(this.ticks.maxRunning).as("never two runs at once, on any instance").hasValue(1);
		List<Instant> due = dueTimesRun();
		for (int i = 1; i < due.size(); i++) {
			assertThat(Duration.between(due.get(i - 1), due.get(i))).as("due times that came meanwhile collapsed")
				.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		}
	}

	@Test
	void pendingRunMovesWhenAPropertyChangedTheScheduleBetweenTwoStarts() {
		RecurringWork hourly = new RecurringWork("tick", RecurringSchedule.every(Duration.ofHours(1)),
				MissedRuns.RUN_ONCE, 1);
		start("old-", hourly).stop();
		String hourlyItem = pendingItem();
		start("new-", EVERY_SECOND);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 1);
		assertThat(database.store().reader().findById(hourlyItem).orElseThrow().state())
			.as("the pending run moved, it does not run at the old time")
			.isEqualTo(StoredState.CANCELLED);
	}

	@Test
	void triggerRunsOnceNowOutsideTheSchedule() {
		RecurringWork daily = new RecurringWork("tick", RecurringSchedule.cron("0 0 3 * * *", "UTC"),
				MissedRuns.RUN_ONCE, 1);
		Instance instance = start("t-", daily);
		String id = instance.scheduler.trigger("tick").id();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.ticks.runs.contains(id));
		assertThat(this.ticks.runs).containsExactly(id);
		assertThat(instance.scheduler.statuses()).singleElement()
			.satisfies((status) -> assertThat(status.nextDue()).isAfter(Instant.now()));
	}

	/**
	 * Enqueue the first due time with an instance that runs nothing, then stay down until
	 * two more due times passed.
	 * @return the database's time when the instances come back
	 */
	private Instant downAcrossDueTimes() {
		start("before-", EVERY_SECOND, false).stop();
		Instant due = database.jdbc()
			.queryForObject("SELECT next_due FROM background_work_recurring", java.time.OffsetDateTime.class)
			.toInstant();
		JdbcRecurringStore store = new JdbcRecurringStore(database.dataSource(), "background_work");
		await().atMost(Duration.ofSeconds(10)).until(() -> store.now().isAfter(due.plusMillis(2200)));
		return store.now();
	}

	private String pendingItem() {
		return database.jdbc().queryForObject("SELECT item_id FROM background_work_recurring", String.class);
	}

	/**
	 * Due times of the runs, in the order they ran.
	 */
	private List<Instant> dueTimesRun() {
		Map<String, StoredWork> rows = new java.util.HashMap<>();
		this.ticks.runs.forEach((id) -> rows.put(id, database.store().reader().findById(id).orElseThrow()));
		return this.ticks.runs.stream()
			.map((id) -> Instant.parse(rows.get(id).key().substring("tick@".length())))
			.toList();
	}

	private Instance start(String prefix, RecurringWork work) {
		return start(prefix, work, true);
	}

	private Instance start(String prefix, RecurringWork work, boolean claim) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofSeconds(5))
			.handlers(WorkHandlers.of(this.ticks))
			.durableWork(JdbcDurableWork.factory(database.dataSource(), database.store(Duration.ofSeconds(2)),
					JsonMapper.shared(), Duration.ofMillis(100), Duration.ofDays(7)))
			.build();
		RecurringScheduler scheduler = new RecurringScheduler(queue,
				new JdbcRecurringStore(database.dataSource(), "background_work"), () -> RecurringNames.of(work));
		scheduler.afterSingletonsInstantiated();
		if (claim) {
			queue.start();
			scheduler.start();
		}
		Instance instance = new Instance(queue, scheduler);
		this.instances.add(instance);
		return instance;
	}

	private record Instance(DefaultBackgroundWorkQueue queue, RecurringScheduler scheduler) {

		void stop() {
			this.scheduler.stop();
			this.queue.stop();
		}

	}

}
