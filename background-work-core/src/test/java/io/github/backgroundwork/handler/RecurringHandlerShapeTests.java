package io.github.backgroundwork.handler;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests that a recurring {@link BackgroundWorkHandler} takes no payload and a schedule
 * that parses, and that a wrong one is refused naming the method and what is wrong.
 */
class RecurringHandlerShapeTests {

	static Stream<Arguments> wrongRecurringHandlers() {
		return Stream.of(arguments(new WithPayload(), "run(String)",
				"it recurs (cron or every) but takes 1 payload parameter(s); a recurring handler takes no payload,"
						+ " optionally a WorkContext"),
				arguments(new CronAndEvery(), "run()", "it has both cron and every; give one of them"),
				arguments(new ZoneWithoutCron(), "run()",
						"it has a zone but no cron; a zone applies to a cron expression"),
				arguments(new BadCron(), "run()",
						"cron '0 0 2 * *' is not a six-field cron expression "
								+ "(Cron expression must consist of 6 fields (found 5 in \"0 0 2 * *\"))"),
				arguments(new BadEvery(), "run()", "every '5 minutes' is not a duration (such as 30s, 5m, 1h or PT5M)"),
				arguments(new BadZone(), "run()",
						"zone 'Mars/Olympus' is not a time zone id (Unknown time-zone ID: Mars/Olympus)"));
	}

	@ParameterizedTest
	@MethodSource("wrongRecurringHandlers")
	void recurringHandlerOfTheWrongShapeIsRefusedNamingTheMethod(Object bean, String method, String reason) {
		assertThatIllegalStateException().isThrownBy(() -> WorkHandlers.of(bean))
			.withMessage("Invalid @BackgroundWorkHandler method " + bean.getClass().getName() + "#" + method
					+ " of bean '" + bean.getClass().getSimpleName() + "': " + reason);
	}

	@Test
	void recurringHandlersTakeNoPayloadAndAreListedWithTheirSchedule() {
		WorkHandlers handlers = WorkHandlers.of(new Recurring());
		assertThat(handlers.recurring()).containsOnlyKeys("digest", "report", "off");
		assertThat(handlers.get("digest").schedule()).hasToString("every PT5M");
		assertThat(handlers.get("digest").schedule().interval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(handlers.get("report").schedule()).hasToString("cron 0 0 2 * * * Europe/Paris");
		assertThat(handlers.get("off").isRecurring()).isTrue();
		assertThat(handlers.get("off").schedule()).isNull();
		assertThat(handlers.get("mail").isRecurring()).isFalse();
	}

	static class Recurring {

		@BackgroundWorkHandler(value = "digest", every = "5m")
		void digest() {
		}

		@BackgroundWorkHandler(value = "report", cron = "0 0 2 * * *", zone = "Europe/Paris")
		void report(WorkContext context) {
		}

		@BackgroundWorkHandler(value = "off", cron = "-")
		void off() {
		}

		@BackgroundWorkHandler("mail")
		void mail(String to) {
		}

	}

	static class WithPayload {

		@BackgroundWorkHandler(value = "work", every = "1m")
		void run(String payload) {
		}

	}

	static class CronAndEvery {

		@BackgroundWorkHandler(value = "work", every = "1m", cron = "0 * * * * *")
		void run() {
		}

	}

	static class ZoneWithoutCron {

		@BackgroundWorkHandler(value = "work", every = "1m", zone = "UTC")
		void run() {
		}

	}

	static class BadCron {

		@BackgroundWorkHandler(value = "work", cron = "0 0 2 * *")
		void run() {
		}

	}

	static class BadEvery {

		@BackgroundWorkHandler(value = "work", every = "5 minutes")
		void run() {
		}

	}

	static class BadZone {

		@BackgroundWorkHandler(value = "work", cron = "0 0 2 * * *", zone = "Mars/Olympus")
		void run() {
		}

	}

}
