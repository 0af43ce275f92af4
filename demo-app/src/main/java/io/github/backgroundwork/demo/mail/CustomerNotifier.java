package io.github.backgroundwork.demo.mail;

import java.util.List;
import java.util.Objects;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.demo.customers.Customer;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

/**
 * Mails a notification to every customer as one background work item named
 * {@value #WORK_NAME}: the classic example of work a request should hand off rather than
 * do itself. The {@link SentMailLedger} records its mails under the item's id.
 *
 * @since 0.1.0
 */
@Service
public class CustomerNotifier {

	/**
	 * The name of the work item that sends the mails.
	 */
	public static final String WORK_NAME = "customer-mail";

	private static final Log logger = LogFactory.getLog(CustomerNotifier.class);

	private static final int PAGE_SIZE = 100;

	private final BackgroundWorkQueue queue;

	private final CustomerRepository customers;

	private final CustomerMailSender mailSender;

	/**
	 * Create a notifier.
	 * @param queue the queue that runs the mailing
	 * @param customers the customers to mail
	 * @param mailSender the sender of each customer's mail
	 */
	public CustomerNotifier(BackgroundWorkQueue queue, CustomerRepository customers, CustomerMailSender mailSender) {
		this.queue = queue;
		this.customers = customers;
		this.mailSender = mailSender;
	}

	/**
	 * Queue the mailing of a notification to every customer. Returns at once, whatever
	 * the number of customers.
	 * @param notification the notification, already validated
	 * @return the queued item
	 * @throws WorkRejectedException if the queue is full or shutting down
	 */
	public WorkHandle notifyCustomers(Notification notification) {
		String subject = Objects.requireNonNull(notification.subject(), "subject");
		String message = Objects.requireNonNull(notification.message(), "message");
		return this.queue.enqueue(WORK_NAME, (context) -> mailEveryCustomer(subject, message, context));
	}

	private void mailEveryCustomer(String subject, String message, WorkContext context) throws InterruptedException {
		long total = this.customers.count();
		long sent = 0;
		context.reportProgress(0, total);
		long lastId = 0;
		List<Customer> page = this.customers.findAfter(lastId, PAGE_SIZE);
		while (!page.isEmpty()) {
			for (Customer customer : page) {
				// The token is checked between customers, so a stop never leaves a
				// customer half-served and the log says exactly who was reached
				if (context.isCancellationRequested()) {
					logger.info("Background work '" + WORK_NAME + "' (" + context.id()
							+ ") stopped at a customer boundary after " + sent + " of " + total
							+ " mails: cancellation requested");
					return;
				}
				this.mailSender.send(context.id(), customer, subject, message);
				sent++;
				total = Math.max(total, sent);
				context.reportProgress(sent, total);
				lastId = customer.id();
			}
			page = this.customers.findAfter(lastId, PAGE_SIZE);
		}
		logger.info("Background work '" + WORK_NAME + "' (" + context.id() + ") sent " + sent + " mails");
	}

}
