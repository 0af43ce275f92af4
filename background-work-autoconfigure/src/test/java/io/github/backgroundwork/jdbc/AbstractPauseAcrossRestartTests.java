package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.autoconfigure.BackgroundWorkAutoConfiguration;
import io.github.backgroundwork.autoconfigure.BackgroundWorkJdbcAutoConfiguration;
import io.github.backgroundwork.jdbc.AbstractDurablePauseTests.Mails;
import io.github.backgroundwork.jdbc.AbstractDurablePauseTests.Reports;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a pause of stored work outlives the application that made it: a context
 * pauses a name and closes; a new context on the same database starts none of its items
 * until it is resumed.
 */
abstract class AbstractPauseAcrossRestartTests {

	private final Reports reports = new Reports();

	abstract TestDatabase database();

	@BeforeEach
	void clear() {
		database().clear();
	}

	private ApplicationContextRunner contextRunner() {
		// Not the pool itself, which the context would close
		DataSource dataSource = new DelegatingDataSource(database().dataSource());
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkJdbcAutoConfiguration.class))
			.withBean(DataSource.class, () -> dataSource)
			.withBean(Reports.class, () -> this.reports)
			.withBean(Mails.class, Mails::new)
			.withPropertyValues("background-work.store=jdbc", "background-work.jdbc.initialize-schema=never",
					"background-work.jdbc.poll-interval=200ms", "background-work.shutdown.drain-timeout=5s");
	}

	private StoredWork row(String id) {
		return database().store().reader().findById(id).orElseThrow();
	}

	@Test
	void aPauseSurvivesARestartOfTheApplication() {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(BackgroundWorkQueue.class).pause("report");
		});
		contextRunner().run((context) -> {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> queue.paused().equals(new PausedWork(false, Set.of("report"))));
			WorkHandle report = queue.enqueue(WorkRequest.of("report", new Mail(1)));
			WorkHandle mail = queue.enqueue(WorkRequest.of("mail", new Mail(2)));
			await().atMost(Duration.ofSeconds(20)).until(() -> row(mail.id()).state() == StoredState.SUCCEEDED);
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.reports.runs.get() == 0);
			assertThat(row(report.id()).state()).isEqualTo(StoredState.QUEUED);
			queue.resume("report");
			await().atMost(Duration.ofSeconds(20)).until(() -> row(report.id()).state() == StoredState.SUCCEEDED);
		});
		assertThat(this.reports.runs).hasValue(1);
		assertThat(database().store().paused(JdbcWorkStore.DEFAULT_QUEUE)).isEqualTo(new PausedWork(false, Set.of()));
	}

}
