package io.github.backgroundwork.recurring;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a name of work recurs: a six-field cron expression in a zone, as Spring's
 * {@link CronExpression} computes it (daylight-saving changes included), or a fixed
 * interval whose due times are its multiples since the epoch. Due times depend on the
 * schedule only, never on when a run ended, so every instance computes the same ones.
 *
 * @since 0.1.0
 */
public final class RecurringSchedule {

	/**
	 * The cron value that switches a recurring name off, as for {@code @Scheduled}.
	 */
	public static final String DISABLED = "-";

	private static final Pattern SIMPLE_DURATION = Pattern.compile("^([+-]?\\d+)(ns|us|ms|s|m|h|d)?$");

	// Bounds the walk over due times missed by a cron schedule after a long downtime
	private static final int MAX_STEPS = 100_000;

	private final @Nullable CronExpression cron;

	private final @Nullable ZoneId zone;

	private final @Nullable Duration every;

	private final String description;

	private final @Nullable String expression;

	private RecurringSchedule(@Nullable String expression, @Nullable CronExpression cron, @Nullable ZoneId zone,
			@Nullable Duration every, String description) {
		this.expression = expression;
		this.cron = cron;
		this.zone = zone;
		this.every = every;
		this.description = description;
	}

	/**
	 * Create a cron schedule.
	 * @param expression six fields, seconds first, as {@link CronExpression} reads them
	 * @param zone a zone id, or empty for the JVM's default zone
	 * @return the schedule
	 * @throws IllegalArgumentException naming the expression or zone if it is invalid
	 */
	public static RecurringSchedule cron(String expression, String zone) {
		ZoneId zoneId;
		try {
			zoneId = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("zone '" + zone + "' is not a time zone id (" + ex.getMessage() + ")",
					ex);
		}
		CronExpression cron;
		try {
			cron = CronExpression.parse(expression.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"cron '" + expression + "' is not a six-field cron expression (" + ex.getMessage() + ")", ex);
		}
		return new RecurringSchedule(expression.strip(), cron, zoneId, null,
				"cron " + expression.strip() + " " + zoneId.getId());
	}

	/**
	 * Create an interval schedule: due at every multiple of the interval since the epoch.
	 * @param interval the interval, at least a millisecond
	 * @return the schedule
	 * @throws IllegalArgumentException if the interval is shorter than a millisecond
	 */
	public static RecurringSchedule every(Duration interval) {
		if (interval.compareTo(Duration.ofMillis(1)) < 0) {
			throw new IllegalArgumentException("every must be at least 1ms, was " + interval);
		}
		return new RecurringSchedule(null, null, null, interval, "every " + interval);
	}

	/**
	 * Read a duration as Spring Boot reads one: {@code 500ms}, {@code 30s}, {@code 5m},
	 * {@code 1h}, {@code 2d} (milliseconds without a unit), or ISO-8601 ({@code PT5M}).
	 * @param text the text
	 * @return the duration
	 * @throws IllegalArgumentException naming the text if it is not a duration
	 */
	public static Duration parseDuration(String text) {
		String value = text.strip();
		Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
		try {
			if (simple.matches()) {
				long amount = Long.parseLong(simple.group(1));
				String unit = (simple.group(2) != null) ? simple.group(2) : "ms";
				return switch (unit) {
					case "ns" -> Duration.ofNanos(amount);
					case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
					case "s" -> Duration.ofSeconds(amount);
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					case "d" -> Duration.ofDays(amount);
					default -> Duration.ofMillis(amount);
				};
			}
			return Duration.parse(value);
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw new IllegalArgumentException("every '" + text + "' is not a duration (such as 30s, 5m, 1h or PT5M)",
					ex);
		}
	}

	/**
	 * Return the first due time strictly after an instant.
	 * @param after the instant
	 * @return the due time
	 * @throws IllegalStateException if a cron expression never matches again
	 */
	public Instant next(Instant after) {
		if (this.every != null) {
			long period = this.every.toMillis();
			long steps = Math.floorDiv(after.toEpochMilli(), period) + 1;
			return Instant.ofEpochMilli(steps * period);
		}
		ZonedDateTime next = cron().next(after.atZone(zone()));
		if (next == null) {
			throw new IllegalStateException("Schedule " + this.description + " has no due time after " + after);
		}
		return next.toInstant();
	}

	/**
	 * Return the latest due time in {@code (after, upTo]}: the one run that stands for
	 * all the due times of that span.
	 * @param after the start of the span, excluded
	 * @param upTo the end of the span, included
	 * @return the latest due time in the span, or {@code null} if there is none
	 */
	public @Nullable Instant latest(Instant after, Instant upTo) {
		Instant first = next(after);
		if (first.isAfter(upTo)) {
			return null;
		}
		if (this.every != null) {
			long period = this.every.toMillis();
			return Instant.ofEpochMilli(Math.floorDiv(upTo.toEpochMilli(), period) * period);
		}
		Instant latest = first;
		for (int i = 0; i < MAX_STEPS; i++) {
			Instant next = next(latest);
			if (next.isAfter(upTo)) {
				return latest;
			}
			latest = next;
		}
		return latest;
	}

	/**
	 * Return the interval, for an interval schedule.
	 * @return the interval, or {@code null} for a cron schedule
	 */
	public @Nullable Duration interval() {
		return this.every;
	}

	/**
	 * Return the expression of a cron schedule.
	 * @return the expression, or {@code null} for an interval schedule
	 */
	public @Nullable String expression() {
		return this.expression;
	}

	/**
	 * Return the zone of a cron schedule.
	 * @return the zone, or {@code null} for an interval schedule
	 */
	public @Nullable ZoneId zoneId() {
		return this.zone;
	}

	/**
	 * Describe the schedule: {@code cron 0 0 2 * * * Europe/Paris} or {@code every PT5M}.
	 * Stored with the pending due time, so that a changed schedule is seen as changed.
	 */
	@Override
	public String toString() {
		return this.description;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof RecurringSchedule schedule && this.description.equals(schedule.description);
	}

	@Override
	public int hashCode() {
		return this.description.hashCode();
	}

	private CronExpression cron() {
		if (this.cron == null) {
			throw new IllegalStateException("not a cron schedule");
		}
		return this.cron;
	}

	private ZoneId zone() {
		if (this.zone == null) {
			throw new IllegalStateException("not a cron schedule");
		}
		return this.zone;
	}

}
