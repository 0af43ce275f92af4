package io.github.backgroundwork;

import org.jspecify.annotations.Nullable;

/**
 * Which items to list with {@link BackgroundWorkQueue#items(WorkQuery)}: a filter by
 * state and name, and one page of the matches.
 *
 * @param state only items in this state, or {@code null} for every state
 * @param name only items of this name, or {@code null} for every name
 * @param offset how many matches to skip, at least 0
 * @param limit how many matches to return at most, at least 0
 * @since 0.1.0
 */
public record WorkQuery(@Nullable WorkState state, @Nullable String name, int offset, int limit) {

	/**
	 * Create a query.
	 * @param state only items in this state, or {@code null} for every state
	 * @param name only items of this name, or {@code null} for every name
	 * @param offset how many matches to skip, at least 0
	 * @param limit how many matches to return at most, at least 0
	 * @throws IllegalArgumentException if {@code offset} or {@code limit} is negative
	 */
	public WorkQuery {
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative, was " + offset);
		}
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
	}

	/**
	 * Return a query for the first items of every state and name.
	 * @param limit how many items to return at most
	 * @return the query
	 */
	public static WorkQuery first(int limit) {
		return new WorkQuery(null, null, 0, limit);
	}

	/**
	 * Whether an item matches the filter, whatever the page.
	 * @param item the item
	 * @return whether its state and name match
	 */
	public boolean matches(WorkInfo item) {
		return (this.state == null || this.state == item.state())
				&& (this.name == null || this.name.equals(item.name()));
	}

}
