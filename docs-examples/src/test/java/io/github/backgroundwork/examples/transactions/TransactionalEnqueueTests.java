package io.github.backgroundwork.examples.transactions;

import java.time.Duration;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.examples.transactions.VisitApplication.Reminders;
import io.github.backgroundwork.examples.transactions.VisitApplication.VisitService;
import io.github.backgroundwork.test.BackgroundWorkTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Typed work enqueued inside the transaction that writes its data, with
 * {@code store=jdbc}, tested as an application writes it: call the service, wait for the
 * queue with {@code awaitIdle}, then assert.
 */
@SpringBootTest(classes = VisitApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:visits;DB_CLOSE_DELAY=-1",
				"spring.sql.init.schema-locations=classpath:examples/visit.sql", "background-work.store=jdbc",
				// This module's schema examples bring Flyway and Liquibase: not wanted
				// here
				"spring.flyway.enabled=false", "spring.liquibase.enabled=false" })
class TransactionalEnqueueTests {

	@Autowired
	private VisitService visits;

	@Autowired
	private Reminders reminders;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void reminderRunsAfterTheCommitAndSeesTheVisit() {
		this.visits.book("Rex");
		BackgroundWorkTestSupport.awaitIdle(this.queue, Duration.ofSeconds(10));
		assertThat(this.reminders.sent).contains("Rex");
	}

	@Test
	void rolledBackBookingLeavesNoWork() {
		long before = reminderRows();
		assertThatIllegalArgumentException().isThrownBy(() -> this.visits.book(" "));
		assertThat(reminderRows()).isEqualTo(before);
	}

	private long reminderRows() {
		return this.jdbc.sql("SELECT COUNT(*) FROM background_work WHERE name = 'visit-reminder'")
			.query(Long.class)
			.single();
	}

}
