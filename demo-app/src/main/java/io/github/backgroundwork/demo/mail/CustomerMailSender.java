package io.github.backgroundwork.demo.mail;

import io.github.backgroundwork.demo.customers.Customer;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one customer one notification, after the demo's send delay, and records it in the
 * {@link SentMailLedger} once the SMTP server has accepted it: the mail that both
 * mailings send, whether one item walks every customer or each customer is an item.
 *
 * @since 0.1.0
 */
@Component
public class CustomerMailSender {

	private final JavaMailSender mailSender;

	private final DemoMailProperties properties;

	private final SentMailLedger ledger;

	/**
	 * Create a sender.
	 * @param mailSender the sender
	 * @param properties the sender address and the delay before each mail
	 * @param ledger where each sent mail is recorded
	 */
	public CustomerMailSender(JavaMailSender mailSender, DemoMailProperties properties, SentMailLedger ledger) {
		this.mailSender = mailSender;
		this.properties = properties;
		this.ledger = ledger;
	}

	/**
	 * Send a customer a notification, after the send delay, and record it in the ledger.
	 * Blocks for the delay and the SMTP exchange.
	 * @param campaign the mailing it belongs to, as the ledger records it
	 * @param customer the customer
	 * @param subject the mail's subject
	 * @param message the mail's text
	 * @throws InterruptedException if interrupted during the delay; nothing is sent
	 */
	public void send(String campaign, Customer customer, String subject, String message) throws InterruptedException {
		long delay = this.properties.getSendDelay().toMillis();
		if (delay > 0) {
			// Stands in for a slow mail server; an interrupt ends the item as cancelled
			Thread.sleep(delay);
		}
		SimpleMailMessage mail = new SimpleMailMessage();
		mail.setFrom(this.properties.getFrom());
		mail.setTo(customer.email());
		mail.setSubject(subject);
		mail.setText("Dear " + customer.name() + ",\n\n" + message + "\n");
		this.mailSender.send(mail);
		// Only after the server took it: the ledger never counts a mail that was not
		// sent.
		// A crash between the two leaves one sent mail unrecorded.
		this.ledger.record(campaign, customer.id());
	}

}
