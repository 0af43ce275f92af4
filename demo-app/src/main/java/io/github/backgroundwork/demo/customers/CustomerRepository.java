package io.github.backgroundwork.demo.customers;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes customers with Spring's {@link JdbcClient}, in SQL that H2 and
 * PostgreSQL both accept.
 *
 * @since 0.1.0
 */
@Repository
public class CustomerRepository {

	private final JdbcClient jdbc;

	/**
	 * Create a repository.
	 * @param jdbc the client on the application's data source
	 */
	public CustomerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Return how many customers there are.
	 * @return the number of customers
	 */
	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
	}

	/**
	 * Return the customers that follow the given id, in id order: a keyset page, so that
	 * a long walk over the customers holds no cursor open and sees each one once.
	 * @param afterId the id to start after; 0 for the first page
	 * @param size the page's maximum size
	 * @return the page, empty after the last customer
	 */
	public List<Customer> findAfter(long afterId, int size) {
		return this.jdbc
			.sql("SELECT id, name, email FROM customer WHERE id > :afterId ORDER BY id FETCH FIRST " + size
					+ " ROWS ONLY")
			.param("afterId", afterId)
			.query(Customer.class)
			.list();
	}

	/**
	 * Return a customer.
	 * @param id the customer's id
	 * @return the customer, or empty if there is none with that id
	 */
	public Optional<Customer> findById(long id) {
		return this.jdbc.sql("SELECT id, name, email FROM customer WHERE id = :id")
			.param("id", id)
			.query(Customer.class)
			.optional();
	}

	/**
	 * Return every customer's id, in order.
	 * @return the ids
	 */
	public List<Long> findAllIds() {
		return this.jdbc.sql("SELECT id FROM customer ORDER BY id").query(Long.class).list();
	}

	/**
	 * Add a customer.
	 * @param name the customer's name
	 * @param email the customer's email address, unique
	 */
	public void add(String name, String email) {
		this.jdbc.sql("INSERT INTO customer (name, email) VALUES (:name, :email)")
			.param("name", name)
			.param("email", email)
			.update();
	}

}
