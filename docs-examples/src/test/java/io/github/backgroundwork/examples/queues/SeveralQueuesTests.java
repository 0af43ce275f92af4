package io.github.backgroundwork.examples.queues;

import java.time.Duration;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.examples.queues.CustomerNotifier.Export;
import io.github.backgroundwork.examples.queues.CustomerNotifier.Mail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queues of docs/several-queues.md with {@code store=jdbc}: each stored item is run
 * by the queue it was enqueued on, and the customizer reached both queues.
 */
@SpringBootTest(classes = QueuesApplication.class,
		properties = { "spring.main.web-application-type=none",
				"spring.datasource.url=jdbc:h2:mem:queues;DB_CLOSE_DELAY=-1", "background-work.store=jdbc",
				// This module's schema examples bring Flyway and Liquibase: not wanted
				// here
				"spring.flyway.enabled=false", "spring.liquibase.enabled=false" })
class SeveralQueuesTests {

	@Autowired
	@Qualifier("mailQueue")
	private BackgroundWorkQueue mailQueue;

	@Autowired
	@Qualifier("exportQueue")
	private BackgroundWorkQueue exportQueue;

	@Autowired
	private CustomerNotifier notifier;

	@Autowired
	private AuditLog audit;

	@Test
	void eachStoredItemRunsOnTheQueueItWasEnqueuedOn() {
		enqueue(this.exportQueue, this.mailQueue, 42);
		this.notifier.notify(7);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.notifier.ran.size() == 3);
		assertThat(this.notifier.ran)
			.allSatisfy((run) -> assertThat(run).matches("export 42 on export-.*|mail (42|7) on mail-.*"));
		assertThat(this.audit.entries).anySatisfy((entry) -> assertThat(entry).startsWith("customer-export on export-"))
			.anySatisfy((entry) -> assertThat(entry).startsWith("customer-mail on mail-"));
	}

	private static void enqueue(BackgroundWorkQueue exportQueue, BackgroundWorkQueue mailQueue, long customerId) {
		// Claimed by exportQueue only
		exportQueue.enqueue(WorkRequest.of("customer-export", new Export(customerId)));
		// Claimed by mailQueue only
		mailQueue.enqueue(WorkRequest.of("customer-mail", new Mail(customerId)));
	}

}
