package io.github.backgroundwork.demo.mail;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Mails a notification to every customer as one typed item per customer, named
 * {@value #WORK_NAME}, which {@link CustomerMailDelivery} sends. With
 * {@code background-work.store=jdbc} (the demo's default) the items are rows in the
 * application's database: a mailing interrupted by a crash resumes after a restart with
 * the customers not yet mailed, and only the mails that were being sent at the crash can
 * go out twice.
 *
 * @since 0.1.0
 */
@Service
public class DurableCustomerMailing {

	/**
	 * The name of the work items, one per customer.
	 */
	public static final String WORK_NAME = "customer-mail-durable";

	private final BackgroundWorkQueue queue;

	private final CustomerRepository customers;

	/**
	 * Create a mailing.
	 * @param queue the queue that keeps and runs the items
	 * @param customers the customers to mail
	 */
	public DurableCustomerMailing(BackgroundWorkQueue queue, CustomerRepository customers) {
		this.queue = queue;
		this.customers = customers;
	}

	/**
	 * Queue one item per customer, all in one {@code enqueueAll}: every customer's item
	 * is queued, or none is.
	 * @param notification the notification, already validated
	 * @param campaign the campaign's name, or {@code null} for a new one; posting the
	 * same campaign again while its items are live queues no customer twice
	 * @return the campaign and its items
	 * @throws WorkRejectedException if the queue is full or shutting down
	 */
	public Mailing notifyCustomers(Notification notification, @Nullable String campaign) {
		String subject = Objects.requireNonNull(notification.subject(), "subject");
		String message = Objects.requireNonNull(notification.message(), "message");
		String name = (campaign != null) ? campaign : UUID.randomUUID().toString().substring(0, 8);
		List<WorkRequest> requests = this.customers.findAllIds().stream().map((customerId) -> {
			CustomerMail mail = new CustomerMail(name, customerId, subject, message);
			return WorkRequest.builder(WORK_NAME, mail).key(mail.key()).build();
		}).toList();
		List<WorkHandle> items = this.queue.enqueueAll(requests);
		int duplicates = (int) items.stream().filter(WorkHandle::isDuplicate).count();
		return new Mailing(name, items.size() - duplicates, duplicates);
	}

	/**
	 * A queued mailing.
	 *
	 * @param campaign the campaign's name, part of every item's key
	 * @param queued how many items were queued
	 * @param duplicates how many customers already had a live item of this campaign
	 */
	public record Mailing(String campaign, int queued, int duplicates) {

	}

}
