package io.github.backgroundwork.examples.usage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.examples.usage.CustomerMailing.Customer;
import io.github.backgroundwork.examples.usage.InvoiceUploads.Audit;
import io.github.backgroundwork.examples.usage.InvoiceUploads.Invoice;
import io.github.backgroundwork.examples.usage.InvoiceUploads.InvoiceStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lambdas docs/usage.md and the README show, run on a real queue.
 */
class LambdaWorkTests {

	private final DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder().build();

	private final List<Customer> customers = IntStream.range(0, 50)
		.mapToObj((i) -> new Customer("customer" + i + "@example.com"))
		.toList();

	LambdaWorkTests() {
		this.queue.start();
	}

	@AfterEach
	void closeQueue() {
		this.queue.close();
	}

	@Test
	void theMailingMailsEveryCustomer() {
		CustomerMailing mailing = new CustomerMailing();
		WorkHandle handle = mailing.mailEveryone(this.queue, this.customers);
		await().atMost(Duration.ofSeconds(30)).until(() -> handle.state() == WorkState.SUCCEEDED);
		assertThat(mailing.sent).containsExactlyElementsOf(this.customers);
	}

	@Test
	void aCancelledMailingStopsBetweenCustomers() throws InterruptedException {
		CountDownLatch firstSent = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		CustomerMailing mailing = new CustomerMailing() {

			@Override
			void send(Customer customer) {
				super.send(customer);
				firstSent.countDown();
				awaitQuietly(cancelled);
			}

		};
		WorkHandle handle = mailing.mailEveryoneUntilCancelled(this.queue, this.customers);
		assertThat(firstSent.await(30, TimeUnit.SECONDS)).isTrue();
		handle.cancel();
		cancelled.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> handle.state() == WorkState.CANCELLED);
		assertThat(mailing.sent).hasSize(1);
	}

	@Test
	void anAsynchronousUploadEndsWhenItsStageCompletes() {
		InvoiceStorage storage = new InvoiceStorage();
		Audit audit = new Audit();
		new InvoiceUploads().upload(this.queue, storage, audit, new Invoice("2026-0042"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.queue.statistics().running() == 1);
		assertThat(audit.outcomes).isEmpty();
		storage.upload.complete("stored");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.queue.statistics().totals().succeeded() == 1);
		assertThat(audit.outcomes).containsEntry("2026-0042", "uploaded");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
