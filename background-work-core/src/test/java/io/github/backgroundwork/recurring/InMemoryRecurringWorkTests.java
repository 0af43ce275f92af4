package io.github.backgroundwork.recurring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recurring work in memory: once per instance, as {@code @Scheduled}; a paused name skips
 * its due times rather than piling them up; a trigger runs once, outside the schedule.
 */
class InMemoryRecurringWorkTests {

	private static final RecurringWork EVERY_HALF_SECOND = new RecurringWork("tick",
			RecurringSchedule.every(Duration.ofMillis(500)), MissedRuns.RUN_ONCE, 1);

	private final List<Instance> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		this.instances.forEach(Instance::stop);
	}

	@Test
	void eachInstanceRunsEachDueTimeOnceOfItsOwn() {
		Instance first = start();
		Instance second = start();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> first.ticks.keys.size() >= 4 && second.ticks.keys.size() >= 4);
		first.stop();
		second.stop();
		assertThat(first.ticks.keys).doesNotHaveDuplicates();
		assertThat(second.ticks.keys).doesNotHaveDuplicates();
		assertThat(first.ticks.keys).as("in memory, every instance runs the due times")
			.containsAnyElementsOf(second.ticks.keys);
	}

	@Test
	void pausedNameSkipsItsDueTimesAndResumesOnSchedule() {
		Instance instance = start();
		await().atMost(Duration.ofSeconds(20)).until(() -> instance.ticks.keys.size() >= 1);
		instance.queue.pause("tick");
		Instant paused = Instant.now();
		int runsBefore = instance.ticks.keys.size();
		// Three due times pass while it is paused: each is skipped (cancelled), none
		// waits
		await().atMost(Duration.ofSeconds(20))
			.until(() -> instance.queue.items(WorkQuery.first(100))
				.items()
				.stream()
				.filter((item) -> item.state() == WorkState.CANCELLED)
				.count() >= 3);
		assertThat(instance.ticks.keys.size()).isLessThanOrEqualTo(runsBefore + 1);
		instance.queue.resume("tick");
		Instant resumed = Instant.now();
		await().atMost(Duration.ofSeconds(20)).until(() -> instance.ticks.keys.size() >= runsBefore + 3);
		List<Instant> after = instance.ticks.dueTimes().stream().filter((due) -> due.isAfter(paused)).toList();
		assertThat(after).as("no burst of the due times skipped while paused")
			.allSatisfy((due) -> assertThat(due).isAfter(resumed.minusMillis(500)));
		assertThat(instance.scheduler.statuses()).singleElement()
			.satisfies((status) -> assertThat(status.paused()).isFalse());
	}

	@Test
	void triggerRunsOnceNowAndStatusShowsTheLastRun() {
		RecurringWork daily = new RecurringWork("tick", RecurringSchedule.cron("0 0 3 * * *", "Europe/Paris"),
				MissedRuns.RUN_ONCE, 1);
		Instance instance = start(daily);
		String id = instance.scheduler.trigger("tick").id();
		await().atMost(Duration.ofSeconds(10)).until(() -> instance.ticks.ids.contains(id));
		assertThat(instance.ticks.ids).containsExactly(id);
		RecurringStatus status = instance.scheduler.statuses().get(0);
		assertThat(status.schedule()).isEqualTo("cron 0 0 3 * * * Europe/Paris");
		assertThat(status.zone()).isEqualTo("Europe/Paris");
		assertThat(status.nextDue()).isAfter(Instant.now());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(instance.scheduler.statuses().get(0).lastRun()).isNotNull().satisfies((last) -> {
						assertThat(last.id()).isEqualTo(id);
						assertThat(last.at()).isNotNull();
						assertThat(last.state()).isEqualTo(WorkState.SUCCEEDED);
					}));
	}

	private Instance start() {
		return start(EVERY_HALF_SECOND);
	}

	private Instance start(RecurringWork work) {
		Ticks ticks = new Ticks();
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.drainTimeout(Duration.ofSeconds(5))
			.handlers(WorkHandlers.of(ticks))
			.build();
		ticks.queue = queue;
		RecurringScheduler scheduler = new RecurringScheduler(queue, new InMemoryRecurringStore(Clock.systemUTC()),
				() -> RecurringNames.of(work));
		queue.start();
		scheduler.start();
		Instance instance = new Instance(queue, scheduler, ticks);
		this.instances.add(instance);
		return instance;
	}

	private record Instance(DefaultBackgroundWorkQueue queue, RecurringScheduler scheduler, Ticks ticks) {

		void stop() {
			this.scheduler.stop();
			this.queue.stop();
		}

	}

	static class Ticks {

		final List<String> ids = new CopyOnWriteArrayList<>();

		final List<String> keys = new CopyOnWriteArrayList<>();

		volatile DefaultBackgroundWorkQueue queue;

		@BackgroundWorkHandler(value = "tick", every = "500ms")
		void tick(WorkContext context) {
			this.ids.add(context.id());
			this.keys.add(this.queue.find(context.id()).orElseThrow().snapshot().key());
		}

		/**
		 * Due times of the scheduled runs, in the order they ran.
		 */
		List<Instant> dueTimes() {
			return this.keys.stream()
				.filter((key) -> !key.startsWith("tick@trigger"))
				.map((key) -> Instant.parse(key.substring("tick@".length())))
				.toList();
		}

	}

}
