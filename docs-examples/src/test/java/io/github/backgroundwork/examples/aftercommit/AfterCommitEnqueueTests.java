package io.github.backgroundwork.examples.aftercommit;

import java.time.Duration;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.examples.aftercommit.OrderApplication.ConfirmationMails;
import io.github.backgroundwork.examples.aftercommit.OrderApplication.OrderRequest;
import io.github.backgroundwork.examples.aftercommit.OrderApplication.OrderService;
import io.github.backgroundwork.test.BackgroundWorkTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda work enqueued after the commit with the memory store, tested as an application
 * writes it: call the service, wait with {@code awaitIdle}, then assert.
 */
@SpringBootTest(classes = OrderApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1",
				"spring.sql.init.schema-locations=classpath:examples/order.sql",
				// This module's schema examples bring Flyway and Liquibase: not wanted
				// here
				"spring.flyway.enabled=false", "spring.liquibase.enabled=false" })
class AfterCommitEnqueueTests {

	@Autowired
	private OrderService orders;

	@Autowired
	private ConfirmationMails mails;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void confirmationRunsAfterTheCommitAndSeesTheOrder() {
		this.orders.place(new OrderRequest("teapot"));
		BackgroundWorkTestSupport.awaitIdle(this.queue, Duration.ofSeconds(10));
		assertThat(this.mails.sent).contains("teapot");
	}

	@Test
	void rolledBackOrderEnqueuesNothing() {
		long accepted = this.queue.statistics().totals().accepted();
		this.transactions.executeWithoutResult((transaction) -> {
			this.orders.place(new OrderRequest("kettle"));
			transaction.setRollbackOnly();
		});
		BackgroundWorkTestSupport.awaitIdle(this.queue, Duration.ofSeconds(10));
		assertThat(this.queue.statistics().totals().accepted()).isEqualTo(accepted);
		assertThat(this.mails.sent).doesNotContain("kettle");
	}

}
