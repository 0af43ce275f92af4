package io.github.backgroundwork.recurring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that due times come from the schedule alone: the same on every instance, in the
 * zone's local time across daylight-saving changes, one for a stretch of missed ones.
 */
class RecurringScheduleTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Test
	void intervalDueTimesAreMultiplesSinceTheEpochWhateverTheInstant() {
		RecurringSchedule every = RecurringSchedule.every(Duration.ofMinutes(5));
		assertThat(every.next(Instant.parse("2026-12-06T12:03:17Z"))).isEqualTo("2026-12-06T12:05:00Z");
		assertThat(every.next(Instant.parse("2026-12-06T12:05:00Z"))).isEqualTo("2026-12-06T12:10:00Z");
		assertThat(every.latest(Instant.parse("2026-12-06T12:05:00Z"), Instant.parse("2026-12-06T13:02:00Z")))
			.as("one run stands for the due times of a stretch: the latest")
			.isEqualTo("2026-12-06T13:00:00Z");
		assertThat(every.latest(Instant.parse("2026-12-06T12:05:00Z"), Instant.parse("2026-12-06T12:09:59Z"))).isNull();
	}

	@Test
	void cronFollowsTheZoneAcrossDaylightSavingChanges() {
		RecurringSchedule daily = RecurringSchedule.cron("0 0 2 * * *", "Europe/Paris");
		// 2026-03-29: Paris springs forward at 02:00 (there is no 02:00); 2026-10-25
		// falls back
		Instant beforeSpring = ZonedDateTime.of(2026, 3, 28, 3, 0, 0, 0, PARIS).toInstant();
		assertThat(daily.next(beforeSpring))
			.as("the day Paris springs forward has no 02:00: as CronExpression (and @Scheduled), no run that day")
			.isEqualTo("2026-03-30T00:00:00Z");
		RecurringSchedule threeOClock = RecurringSchedule.cron("0 0 3 * * *", "Europe/Paris");
		Instant saturday = threeOClock.next(beforeSpring.minusSeconds(1));
		Instant sunday = threeOClock.next(saturday);
		assertThat(saturday).as("03:00 winter time").isEqualTo("2026-03-28T02:00:00Z");
		assertThat(sunday).as("03:00 summer time").isEqualTo("2026-03-29T01:00:00Z");
		assertThat(Duration.between(saturday, sunday)).isEqualTo(Duration.ofHours(23));
		Instant beforeFall = ZonedDateTime.of(2026, 10, 24, 3, 0, 0, 0, PARIS).toInstant();
		Instant fall = daily.next(beforeFall);
		assertThat(fall).as("02:00 comes twice the day the clocks go back: the first, summer time")
			.isEqualTo("2026-10-25T00:00:00Z");
		assertThat(daily.next(fall)).as("and, as CronExpression (and @Scheduled) computes it, again in winter time")
			.isEqualTo("2026-10-25T01:00:00Z");
		assertThat(daily.next(daily.next(fall))).isEqualTo("2026-10-26T01:00:00Z");
		assertThat(RecurringSchedule.cron("0 0 2 * * *", "UTC").next(beforeSpring)).isEqualTo("2026-03-29T02:00:00Z");
	}

	@Test
	void durationsAreReadAsSpringBootReadsThem() {
		assertThat(RecurringSchedule.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(RecurringSchedule.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(RecurringSchedule.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
		assertThat(RecurringSchedule.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
		assertThat(RecurringSchedule.parseDuration("250")).isEqualTo(Duration.ofMillis(250));
		assertThat(RecurringSchedule.parseDuration("PT90S")).isEqualTo(Duration.ofSeconds(90));
		assertThatIllegalArgumentException().isThrownBy(() -> RecurringSchedule.every(Duration.ZERO))
			.withMessage("every must be at least 1ms, was PT0S");
	}

}
