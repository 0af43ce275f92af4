package io.github.backgroundwork.recurring;

import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Where the due time each recurring name waits for is kept, and the clock due times are
 * compared with: the database and its clock with a durable store (so that the whole
 * cluster shares one schedule), memory and the JVM's clock otherwise.
 *
 * @since 0.1.0
 */
public interface RecurringStore {

	/**
	 * Return the current time by this store's clock.
	 * @return now
	 */
	Instant now();

	/**
	 * Return the due time a name waits for.
	 * @param name the name of work
	 * @return the pending due time and its item, or {@code null} if the name has none
	 */
	@Nullable Pending pending(String name);

	/**
	 * Move a name from the pending due time it had to the next one, and enqueue the next
	 * one's item, all or nothing: if another instance moved it first (the name's pending
	 * due time is no longer {@code expected}), the item is not kept.
	 * @param name the name of work
	 * @param expected the pending due time read before, or {@code null} if there was none
	 * @param next the next due time and schedule; its item id is ignored
	 * @param enqueue enqueues the next item, returning its id; runs in the same
	 * transaction as the move where the store has them
	 * @return whether this call moved it
	 */
	boolean advance(String name, @Nullable Pending expected, Pending next, Supplier<String> enqueue);

	/**
	 * Return the names that have a pending due time, including those whose handler this
	 * application no longer has.
	 * @return the names
	 */
	Set<String> names();

	/**
	 * Return which instance ran an item last, where the store knows.
	 * @param itemId the item's id
	 * @return the instance, or {@code null} if unknown
	 */
	default @Nullable String owner(String itemId) {
		return null;
	}

	/**
	 * A name's pending due time.
	 *
	 * @param due the due time
	 * @param itemId the id of the item enqueued for it
	 * @param schedule the schedule it was computed from, as
	 * {@link RecurringSchedule#toString()}
	 * @param lastItemId the id of the item of the due time before, if any
	 */
	record Pending(Instant due, String itemId, String schedule, @Nullable String lastItemId) {
	}

}
