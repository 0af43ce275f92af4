package io.github.backgroundwork.demo.customers;

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty customer table with generated customers while the application starts,
 * before the web server takes requests.
 *
 * @since 0.1.0
 */
@Component
public class CustomerSeeder implements InitializingBean {

	private static final Log logger = LogFactory.getLog(CustomerSeeder.class);

	private static final String[] FIRST_NAMES = { "Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances",
			"Grace", "Hedy", "John", "Katherine", "Leslie", "Margaret", "Niklaus", "Radia", "Tim" };

	private static final String[] LAST_NAMES = { "Hopper", "Lovelace", "Turing", "Liskov", "Shannon", "Knuth",
			"Dijkstra", "Allen", "Lamarr", "Backus", "Johnson", "Lamport", "Hamilton", "Wirth", "Perlman",
			"Berners-Lee" };

	private final CustomerRepository customers;

	private final CustomerProperties properties;

	private final TransactionTemplate transaction;

	/**
	 * Create a seeder.
	 * @param customers the customers
	 * @param properties how many customers to generate
	 * @param transaction the template that makes the inserts one transaction
	 */
	public CustomerSeeder(CustomerRepository customers, CustomerProperties properties,
			TransactionTemplate transaction) {
		this.customers = customers;
		this.properties = properties;
		this.transaction = transaction;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.customers.count() > 0) {
			return;
		}
		int count = this.properties.getCount();
		this.transaction.executeWithoutResult((status) -> {
			for (int i = 1; i <= count; i++) {
				String first = FIRST_NAMES[i % FIRST_NAMES.length];
				String last = LAST_NAMES[(i / FIRST_NAMES.length) % LAST_NAMES.length];
				this.customers.add(first + " " + last,
						(first + "." + last + "." + i + "@customers.example").toLowerCase(Locale.ROOT));
			}
		});
		logger.info("Generated " + count + " customers");
	}

}
