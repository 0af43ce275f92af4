package io.github.backgroundwork.demo.customers;

/**
 * A customer who receives notifications.
 *
 * @param id the customer's id
 * @param name the customer's name
 * @param email the customer's email address
 * @since 0.1.0
 */
public record Customer(long id, String name, String email) {

}
