package io.github.backgroundwork.demo.mail;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The daily digest: recurring work, once a day at 07:00 in Paris, once for the whole
 * cluster. With the demo's durable store its next run is a stored {@code SCHEDULED} item,
 * on the demo page among the items in the database, and the endpoint's {@code recurring}
 * section shows its next due time and last run.
 *
 * @since 0.1.0
 */
@Component
public class DailyDigest {

	private static final Log logger = LogFactory.getLog(DailyDigest.class);

	private final CustomerRepository customers;

	DailyDigest(CustomerRepository customers) {
		this.customers = customers;
	}

	@BackgroundWorkHandler(value = "daily-digest", cron = "0 0 7 * * *", zone = "Europe/Paris")
	void send(WorkContext context) {
		logger.info("Daily digest (" + context.id() + ") for " + this.customers.count() + " customers");
	}

}
