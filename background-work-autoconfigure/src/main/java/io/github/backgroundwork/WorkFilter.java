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

	/**
	 * Whether an item matches every criterion of this filter.
	 * @param item a snapshot of the item
	 * @return whether it matches
	 */
	public boolean matches(WorkItemSnapshot item) {
		Instant at = (item.finishedAt() != null) ? item.finishedAt() : item.enqueuedAt();
		return (this.state == null || item.state() == this.state)
				&& (this.name == null || this.name.equals(item.name()))
				&& (this.keyPrefix == null || (item.key() != null && item.key().startsWith(this.keyPrefix)))
				&& (this.olderThan == null || at.isBefore(this.olderThan));
	}

}
