package io.github.backgroundwork.autoconfigure;

import java.time.Duration;

import io.github.backgroundwork.recurring.MissedRuns;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of one recurring name, {@code background-work.recurring.<name>.*}:
 * overrides of its handler's {@code cron}, {@code every} and {@code zone}, so that
 * operations can move or switch off a schedule without a build.
 *
 * @since 0.1.0
 */
public class BackgroundWorkRecurringProperties {

	/**
	 * Six-field cron expression (seconds first) that replaces the handler's schedule; "-"
	 * switches the name off, as for @Scheduled.
	 */
	private @Nullable String cron;

	/**
	 * Interval that replaces the handler's schedule; due times are its multiples since
	 * the epoch.
	 */
	private @Nullable Duration every;

	/**
	 * Time zone of the cron expression, such as Europe/Paris.
	 */
	private @Nullable String zone;

	/**
	 * Whether the name recurs; false switches it off and cancels its pending run.
	 */
	private boolean enabled = true;

	/**
	 * What to do about due times missed while the application was down: run-once (one run
	 * for all of them) or skip (none, wait for the next due time).
	 */
	private MissedRuns missed = MissedRuns.RUN_ONCE;

	public @Nullable String getCron() {
		return this.cron;
	}

	public void setCron(@Nullable String cron) {
		this.cron = cron;
	}

	public @Nullable Duration getEvery() {
		return this.every;
	}

	public void setEvery(@Nullable Duration every) {
		this.every = every;
	}

	public @Nullable String getZone() {
		return this.zone;
	}

	public void setZone(@Nullable String zone) {
		this.zone = zone;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public MissedRuns getMissed() {
		return this.missed;
	}

	public void setMissed(MissedRuns missed) {
		this.missed = missed;
	}

}
