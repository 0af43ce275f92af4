package io.github.backgroundwork.demo.mail;

import java.util.Optional;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.demo.customers.Customer;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Sends one customer's mail of a durable mailing: the handler of
 * {@value DurableCustomerMailing#WORK_NAME} items, which {@link DurableCustomerMailing}
 * queues. A bean of its own, so that the demo's queue can be given this handler alone.
 *
 * @since 0.1.0
 */
@Component
public class CustomerMailDelivery {

	private static final Log logger = LogFactory.getLog(CustomerMailDelivery.class);

	private final CustomerRepository customers;

	private final CustomerMailSender mailSender;

	/**
	 * Create a delivery.
	 * @param customers the customers to mail
	 * @param mailSender the sender of each customer's mail
	 */
	public CustomerMailDelivery(CustomerRepository customers, CustomerMailSender mailSender) {
		this.customers = customers;
		this.mailSender = mailSender;
	}

	/**
	 * Send one customer's mail, and record it in the ledger under its campaign.
	 * @param mail the customer and the notification
	 * @throws InterruptedException if interrupted before the mail is sent
	 */
	@BackgroundWorkHandler(DurableCustomerMailing.WORK_NAME)
	void send(CustomerMail mail) throws InterruptedException {
		Optional<Customer> customer = this.customers.findById(mail.customerId());
		if (customer.isEmpty()) {
			logger.info("Campaign '" + mail.campaign() + "': customer " + mail.customerId()
					+ " no longer exists; nothing sent");
			return;
		}
		this.mailSender.send(mail.campaign(), customer.get(), mail.subject(), mail.message());
	}

}
