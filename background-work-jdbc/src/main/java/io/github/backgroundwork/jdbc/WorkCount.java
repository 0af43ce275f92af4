package io.github.backgroundwork.jdbc;

/**
 * How many stored items of one name are in one state, across every instance.
 *
 * @param name the work's name
 * @param state the state
 * @param count how many rows
 * @since 0.1.0
 */
public record WorkCount(String name, StoredState state, long count) {

}
