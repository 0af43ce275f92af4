package io.github.backgroundwork.jdbc;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which rows of one queue an operator's bulk action applies to: those in one of the given
 * states that match every other criterion given ({@code null} matches anything).
 *
 * @param queue the queue whose rows match
 * @param states the states that match, not empty
 * @param name only rows of this name of work
 * @param keyPrefix only rows whose key starts with this
 * @param olderThan only rows that ended before this instant, or, for those that have not
 * ended, were enqueued before it
 * @since 0.1.0
 */
public record StoredWorkFilter(String queue, Set<StoredState> states, @Nullable String name, @Nullable String keyPrefix,
		@Nullable Instant olderThan) {

	/**
	 * Create a filter.
	 * @param queue the queue whose rows match
	 * @param states the states that match, not empty
	 * @param name only rows of this name of work
	 * @param keyPrefix only rows whose key starts with this
	 * @param olderThan only rows that ended, or were enqueued, before this
	 */
	public StoredWorkFilter {
		Assert.hasText(queue, "queue must not be empty");
		Assert.notEmpty(states, "states must not be empty");
		states = Set.copyOf(states);
	}

}
