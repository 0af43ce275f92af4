package io.github.backgroundwork.demo.mail;

/**
 * One customer's mail of a durable mailing: the payload of a
 * {@value DurableCustomerMailing#WORK_NAME} item, stored as JSON with the item.
 *
 * @param campaign the mailing it belongs to
 * @param customerId the customer to mail
 * @param subject the mail's subject
 * @param message the mail's text
 * @since 0.1.0
 */
public record CustomerMail(String campaign, long customerId, String subject, String message) {

	/**
	 * Return the item's key, {@code campaign:customer}: while it is live, the same
	 * customer is not queued twice for one campaign.
	 * @return the key
	 */
	public String key() {
		return this.campaign + ":" + this.customerId;
	}

}
