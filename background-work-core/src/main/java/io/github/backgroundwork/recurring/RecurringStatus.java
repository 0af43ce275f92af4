package io.github.backgroundwork.recurring;

import java.time.Instant;

import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

/**
 * What the actuator endpoint and the console show of one recurring name.
 *
 * @param name the name of work
 * @param schedule its schedule, such as {@code every PT5M} or {@code cron 0 0 2 * * *}
 * @param zone the zone of its cron expression, or {@code null} for an interval
 * @param nextDue the due time it waits for, or {@code null} if none is stored yet
 * @param lastRun its last run that started, or {@code null} if none is known
 * @param paused whether the name is paused
 * @since 0.1.0
 */
public record RecurringStatus(String name, String schedule, @Nullable String zone, @Nullable Instant nextDue,
		@Nullable LastRun lastRun, boolean paused) {

	/**
	 * The last run of a recurring name.
	 *
	 * @param id the item's id
	 * @param at when it started
	 * @param owner the instance that ran it, where the store records it
	 * @param state how it ended, or {@code RUNNING}
	 */
	public record LastRun(String id, @Nullable Instant at, @Nullable String owner, WorkState state) {
	}

}
