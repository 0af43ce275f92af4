package io.github.backgroundwork.demo.customers;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the demo's customers.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("demo.customers")
public class CustomerProperties {

	/**
	 * Number of customers to generate at startup when the customer table is empty.
	 */
	private int count = 300;

	public int getCount() {
		return this.count;
	}

	public void setCount(int count) {
		if (count < 0) {
			throw new IllegalArgumentException("demo.customers.count must be at least 0, but was " + count);
		}
		this.count = count;
	}

}
