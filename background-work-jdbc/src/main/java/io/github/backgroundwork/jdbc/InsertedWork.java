package io.github.backgroundwork.jdbc;

/**
 * The outcome of inserting one {@link NewWork}.
 *
 * @param id the id of the row that holds the item: the requested id, or the id of the
 * live item with the same name and key when this one was a duplicate
 * @param duplicate whether nothing was inserted because an item of the same name and key
 * was live
 * @since 0.1.0
 */
public record InsertedWork(String id, boolean duplicate) {

}
