/**
 * Customers, stored with Spring's JDBC support and generated at startup.
 */
@NullMarked
package io.github.backgroundwork.demo.customers;

import org.jspecify.annotations.NullMarked;
