package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.BackgroundWorkEndpointWebExtension;
import io.github.backgroundwork.actuate.BulkActionDescriptor;
import io.github.backgroundwork.actuate.RequestErrorDescriptor;
import io.github.backgroundwork.recurring.RecurringScheduler;
import io.github.backgroundwork.recurring.RecurringStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the auto-configuration of recurring work: recurring handlers run on schedule
 * and the endpoint lists them; {@code background-work.recurring.<name>.*} moves or
 * switches off a schedule, and a property that fits no recurring handler fails startup
 * naming it.
 */
class BackgroundWorkRecurringAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
				BackgroundWorkRecurringAutoConfiguration.class, BackgroundWorkEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=backgroundwork")
		.withUserConfiguration(Digests.class);

	@Test
	void recurringHandlerRunsOnScheduleAndTheEndpointListsIt() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(Digests.class).ran.await(20, TimeUnit.SECONDS)).isTrue();
			List<RecurringStatus> recurring = context.getBean(BackgroundWorkEndpoint.class)
				.queues(null, null, null, null, null)
				.recurring();
			assertThat(recurring).extracting(RecurringStatus::name).containsExactly("digest", "report");
			assertThat(recurring.get(0).schedule()).isEqualTo("every PT0.2S");
			assertThat(recurring.get(0).nextDue()).isNotNull();
		});
	}

	@Test
	void endpointRunsARecurringNameNowAndRefusesAnUnknownOne() {
		this.contextRunner.run((context) -> {
			BackgroundWorkEndpoint endpoint = context.getBean(BackgroundWorkEndpoint.class);
			assertThat(endpoint.trigger("recurring", "report").name()).isEqualTo("report");
			assertThat(context.getBean(Digests.class).reports.await(20, TimeUnit.SECONDS)).isTrue();
			assertThat(endpoint.trigger("other", "report")).isNull();
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.trigger("recurring", "mail"))
				.withMessage("name must be a recurring name that is switched on, one of [digest, report], was 'mail'");
		});
	}

	@Test
	void bulkTriggerRunsARecurringNameOnceNowAndRefusesAnythingElseNamingTheField() {
		this.contextRunner.run((context) -> {
			BackgroundWorkEndpointWebExtension web = context.getBean(BackgroundWorkEndpointWebExtension.class);
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			Digests digests = context.getBean(Digests.class);
			WebEndpointResponse<Object> unknown = web.actOnAll("trigger", null, null, "mail", null, null);
			assertThat(unknown.getStatus()).isEqualTo(400);
			assertThat(unknown.getBody()).isEqualTo(new RequestErrorDescriptor(400, "Bad Request",
					"name must be a recurring name that is switched on, one of [digest, report], was 'mail'"));
			assertThat(web.actOnAll("trigger", null, null, null, null, null).getBody()).extracting("message")
				.isEqualTo("trigger needs the recurring name to run, was missing");
			assertThat(web.actOnAll("trigger", "backgroundWorkQueue", null, "report", null, null).getBody())
				.extracting("message")
				.isEqualTo("queue does not apply to trigger, which takes name only");
			assertThat(web.actOnAll("trigger", null, "FAILED", "report", null, null).getStatus()).isEqualTo(400);
			// Refused: nothing ran, only the scheduled run (at 03:00) waits
			assertThat(queue.items(new WorkQuery(null, "report", 0, 10)).total()).isOne();
			WebEndpointResponse<Object> triggered = web.actOnAll("trigger", null, null, "report", null, null);
			assertThat(triggered.getStatus()).isEqualTo(200);
			assertThat(triggered.getBody()).isEqualTo(new BulkActionDescriptor(1, 1));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(queue.items(new WorkQuery(null, "report", 0, 10)).items())
					.extracting(WorkItemSnapshot::state)
					.containsExactlyInAnyOrder(WorkState.SCHEDULED, WorkState.SUCCEEDED));
			assertThat(digests.reports.getCount()).isZero();
		});
	}

	@Test
	void propertiesMoveAScheduleOrSwitchItOff() {
		this.contextRunner
			.withPropertyValues("background-work.recurring.digest.cron=0 0 7 * * *",
					"background-work.recurring.digest.zone=Europe/Paris", "background-work.recurring.report.cron=-")
			.run((context) -> assertThat(context.getBean(RecurringScheduler.class).statuses()).singleElement()
				.satisfies((status) -> {
					assertThat(status.schedule()).isEqualTo("cron 0 0 7 * * * Europe/Paris");
					assertThat(status.zone()).isEqualTo("Europe/Paris");
				}));
		this.contextRunner.withPropertyValues("background-work.recurring.digest.enabled=false")
			.run((context) -> assertThat(context.getBean(RecurringScheduler.class).statuses())
				.extracting(RecurringStatus::name)
				.containsExactly("report"));
	}

	@Test
	void propertyOfANameWithoutARecurringHandlerFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues("background-work.recurring.digets.every=1m")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessage("background-work.recurring.digets configures 'digets', which has no recurring "
						+ "@BackgroundWorkHandler (one with cron or every); recurring names: digest, report"));
	}

	@Test
	void invalidScheduleInAPropertyFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues("background-work.recurring.report.cron=0 0 7 * *")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("Cron expression must consist of 6 fields"));
		this.contextRunner.withPropertyValues("background-work.recurring.report.cron=0 0 7 * *")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid background-work.recurring.report.*: cron '0 0 7 * *'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Digests {

		final CountDownLatch ran = new CountDownLatch(2);

		@BackgroundWorkHandler(value = "digest", every = "200ms")
		void digest() {
			this.ran.countDown();
		}

		final CountDownLatch reports = new CountDownLatch(1);

		@BackgroundWorkHandler(value = "report", cron = "0 0 3 * * *", zone = "UTC")
		void report() {
			this.reports.countDown();
		}

	}

}
