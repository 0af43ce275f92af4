package io.github.backgroundwork.recurring;

import org.springframework.util.Assert;

/**
 * One recurring name as configured: its schedule (the annotation's, unless a property
 * overrides it), what to do about missed runs, and how many of its runs may overlap.
 *
 * @param name the name of work, which has a recurring handler
 * @param schedule when it is due
 * @param missed what to do about due times missed while nothing ran
 * @param concurrency how many of its runs may run at once: the handler's
 * {@code concurrency}, at least 1
 * @since 0.1.0
 */
public record RecurringWork(String name, RecurringSchedule schedule, MissedRuns missed, int concurrency) {

	/**
	 * Check the components.
	 */
	public RecurringWork {
		Assert.hasText(name, "name must not be blank");
		Assert.notNull(schedule, "schedule must not be null");
		Assert.notNull(missed, "missed must not be null");
		concurrency = Math.max(1, concurrency);
	}

}
