package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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
 * A recurring name paused on one instance of a PostgreSQL cluster: every instance skips
 * its due times while it is paused, and once resumed it is back on schedule, with no
 * burst of the due times it skipped.
 */
class PostgresRecurringPauseTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	private static final RecurringWork EVERY_SECOND = new RecurringWork("tick",
			RecurringSchedule.every(Duration.ofSeconds(1)), MissedRuns.RUN_ONCE, 1);

	private final RecurringTicks ticks = new RecurringTicks();

	private final List<Instance> instances = new ArrayList<>();

	private final JdbcRecurringStore clock = new JdbcRecurringStore(database.dataSource(), "background_work");

	@BeforeEach
	void clear() {
		database.clear();
		database.jdbc().update("DELETE FROM background_work_recurring");
		database.jdbc().update("DELETE FROM background_work_pause");
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(Instance::stop);
	}

	@Test
	void pausedRecurringNameSkipsItsDueTimesOnEveryInstanceAndResumesWithoutABurst() {
		Instance a = start("a-");
		Instance b = start("b-");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ticks.runs.size() >= 2);
		// Paused on one instance, held by the other once it read the store
		b.queue().pause("tick");
		await().atMost(Duration.ofSeconds(10)).until(() -> a.queue().paused().isPaused("tick"));
		Instant held = this.clock.now();
		awaitDatabaseTime(held.plusSeconds(3));
		Instant resumed = this.clock.now();
		a.queue().resume("tick");
		awaitDatabaseTime(resumed.plusMillis(4500));
		this.instances.forEach(Instance::stop);
		List<Row> rows = database.jdbc()
			.query("SELECT work_key, state, started_at FROM background_work WHERE name = 'tick' ORDER BY work_key",
					(rs, rowNum) -> new Row(Instant.parse(rs.getString(1).substring("tick@".length())), rs.getString(2),
							startedAt(rs.getObject(3, OffsetDateTime.class))));
		assertThat(rows).as("no run started while it was paused")
			.noneMatch(
					(row) -> row.started() != null && row.started().isAfter(held) && row.started().isBefore(resumed));
		assertThat(rows).as("its due times while paused were skipped, one item each")
			.filteredOn((row) -> row.due().isAfter(held.plusSeconds(1)) && row.due().isBefore(resumed.minusSeconds(1)))
			.isNotEmpty()
			.allSatisfy((row) -> assertThat(row.state()).isEqualTo("CANCELLED"));
		List<Row> after = rows.stream()
			.filter((row) -> row.started() != null && row.started().isAfter(resumed))
			.toList();
		assertThat(after).as("one run per due time after the resume").hasSizeBetween(3, 6);
		assertThat(after).as("no due time of the pause caught up")
			.allSatisfy((row) -> assertThat(row.due()).isAfterOrEqualTo(resumed.minusSeconds(1)));
		for (int i = 1; i < after.size(); i++) {
			assertThat(Duration.between(after.get(i - 1).started(), after.get(i).started())).as("no burst")
				.isGreaterThan(Duration.ofMillis(500));
		}
		assertThat(this.ticks.maxRunning).hasValue(1);
	}

	private void awaitDatabaseTime(Instant time) {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.clock.now().isAfter(time));
	}

	private static Instant startedAt(OffsetDateTime started) {
		return (started != null) ? started.toInstant() : null;
	}

	private Instance start(String prefix) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix(prefix)
			.drainTimeout(Duration.ofSeconds(5))
			.handlers(WorkHandlers.of(this.ticks))
			.durableWork(JdbcDurableWork.factory(database.dataSource(), database.store(Duration.ofSeconds(2)),
					JsonMapper.shared(), Duration.ofMillis(100), Duration.ofDays(7)))
			.build();
		RecurringScheduler scheduler = new RecurringScheduler(queue,
				new JdbcRecurringStore(database.dataSource(), "background_work"),
				() -> RecurringNames.of(EVERY_SECOND));
		scheduler.afterSingletonsInstantiated();
		queue.start();
		scheduler.start();
		Instance instance = new Instance(queue, scheduler);
		this.instances.add(instance);
		return instance;
	}

	private record Row(Instant due, String state, Instant started) {

	}

	private record Instance(DefaultBackgroundWorkQueue queue, RecurringScheduler scheduler) {

		void stop() {
			this.scheduler.stop();
			this.queue.stop();
		}

	}

}
