package io.github.backgroundwork;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which items an operator's bulk action applies to: every item that matches all the
 * criteria given ({@code null} matches anything).
 *
 * @param state only items in this state
 * @param name only items of this name of work
 * @param keyPrefix only typed items whose key starts with this
 * @param olderThan only items that ended before this instant, or, for those that have not
 * ended, were accepted before it
 * @since 0.1.0
 */
public record WorkFilter(@Nullable WorkState state, @Nullable String name, @Nullable String keyPrefix,
		@Nullable Instant olderThan) {

	/**
	 * A filter that matches every item.
	 * @return the filter
	 */
	public static WorkFilter all() {
		return new WorkFilter(null, null, null, null);
	}

}
