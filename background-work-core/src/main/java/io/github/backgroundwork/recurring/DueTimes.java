package io.github.backgroundwork.recurring;

import java.time.Duration;
import java.time.Instant;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.recurring.RecurringStore.Pending;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Moves one recurring name along its due times, one step per call: enqueues the first due
 * time, moves a pending due time whose schedule changed, skips a missed or paused one,
 * and once the run of the pending due time has ended (or may overlap) enqueues the next.
 * Every instance calls it; the {@link RecurringStore}'s compare-and-set lets one call win
 * each step, so each due time is enqueued once.
 */
final class DueTimes {

	private static final Log logger = LogFactory.getLog(DueTimes.class);

	private final BackgroundWorkQueue queue;

	private final RecurringStore store;

	DueTimes(BackgroundWorkQueue queue, RecurringStore store) {
		this.queue = queue;
		this.store = store;
	}

	/**
	 * Take the next step for a name, if there is one to take.
	 * @param work the name and its schedule
	 * @return how long until it is worth looking again
	 */
	Duration step(RecurringWork work) {
		RecurringSchedule schedule = work.schedule();
		Instant now = this.store.now();
		Pending pending = this.store.pending(work.name());
		if (pending == null) {
			Instant due = schedule.next(now);
			advance(work, null, due);
			return until(now, due, work);
		}
		WorkItemSnapshot item = this.queue.find(pending.itemId()).map(WorkInfo::snapshot).orElse(null);
		boolean ended = item == null || item.state().isTerminal();
		// Waiting for its first start: a run retried or rescued after a crash has started
		boolean waiting = !ended && item.state() != WorkState.RUNNING && item.startedAt() == null
				&& item.attempts() == 0;
		boolean paused = this.queue.paused().isPaused(work.name());
		if (waiting) {
			if (!pending.schedule().equals(schedule.toString())) {
				// A deploy changed the schedule: the pending run moves, it does not run
				// at the old time
				skip(work, pending, now, "its schedule changed from " + pending.schedule() + " to " + schedule);
				return poll(work);
			}
			if (pending.due().isAfter(now)) {
				return until(now, pending.due(), work);
			}
			boolean missed = !schedule.next(pending.due()).isAfter(now);
			if (paused) {
				skip(work, pending, now, "it is paused");
			}
			else if (missed && work.missed() == MissedRuns.SKIP) {
				skip(work, pending, now,
						"it was missed and background-work.recurring." + work.name() + ".missed is skip");
			}
			return poll(work);
		}
		if (!ended && work.concurrency() <= 1) {
			// Running (or waiting for a retry): the next due time waits for it, no
			// overlap
			return poll(work);
		}
		Instant started = (item != null && item.startedAt() != null) ? item.startedAt() : pending.due();
		Instant from = started.isAfter(pending.due()) ? started : pending.due();
		// Due times that came while it waited were covered by its run; those that came
		// while it ran collapse into one run, now
		Instant latest = schedule.latest(from, now);
		Instant due = (latest != null && !paused) ? latest : schedule.next((latest != null) ? now : from);
		advance(work, pending, due);
		return until(now, due, work);
	}

	/**
	 * Enqueue an extra run of a name now, outside its schedule.
	 * @param name the name
	 * @return the run's handle
	 */
	WorkHandle trigger(String name) {
		Instant now = this.store.now();
		return this.queue.enqueue(WorkRequest.builder(name, "trigger " + now).key(name + "@trigger@" + now).build());
	}

	private void skip(RecurringWork work, Pending pending, Instant now, String why) {
		if (this.queue.find(pending.itemId()).map(WorkHandle::cancel).orElse(false)) {
			Instant next = work.schedule().next(now);
			if (advance(work, pending, next)) {
				logger.info("Recurring work '" + work.name() + "' skipped its run due at " + pending.due() + " because "
						+ why + "; next due at " + next);
			}
		}
	}

	private boolean advance(RecurringWork work, @Nullable Pending expected, Instant due) {
		String last = (expected != null) ? expected.itemId() : null;
		Pending next = new Pending(due, "", work.schedule().toString(), last);
		return this.store.advance(work.name(), expected, next, () -> this.queue.enqueue(
				WorkRequest.builder(work.name(), due.toString()).key(work.name() + "@" + due).notBefore(due).build())
			.id());
	}

	private static Duration until(Instant now, Instant due, RecurringWork work) {
		// Look again once it had time to start, not at the very instant it is due
		Duration until = Duration.between(now, due);
		return (until.isNegative() ? Duration.ZERO : until).plus(poll(work));
	}

	/**
	 * How often to look at a due or running item: a quarter of an interval, at most a
	 * second, so that the next due time of a short interval is enqueued before it comes.
	 */
	static Duration poll(RecurringWork work) {
		Duration interval = work.schedule().interval();
		Duration poll = (interval != null) ? interval.dividedBy(4) : Duration.ofSeconds(1);
		if (poll.compareTo(Duration.ofMillis(20)) < 0) {
			return Duration.ofMillis(20);
		}
		return (poll.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : poll;
	}

}
