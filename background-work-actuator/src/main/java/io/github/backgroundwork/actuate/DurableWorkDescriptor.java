package io.github.backgroundwork.actuate;

import java.util.List;

import io.github.backgroundwork.actuate.QueueDescriptor.ItemsDescriptor;
import io.github.backgroundwork.jdbc.StoredState;

/**
 * The durable store's items as {@code GET /actuator/backgroundwork} shows them, read from
 * the database for the whole cluster, in a response of bounded size.
 *
 * @param counts how many items there are per name and state: every live item, and the
 * items that ended within {@code endedWithin}; the names with the most items first
 * @param omittedNames how many more names have items
 * @param endedWithin the window of ended items that {@code counts} includes (ISO-8601
 * duration)
 * @param items one page of the items that match the request, most recently enqueued
 * first; its {@code total} stops counting at {@link DurableWorkDescriber#MAX_TOTAL}
 * @since 0.1.0
 */
public record DurableWorkDescriptor(List<CountDescriptor> counts, int omittedNames, java.time.Duration endedWithin,
		ItemsDescriptor items) {

	/**
	 * How many items of one name are in one state.
	 *
	 * @param name the name of work
	 * @param state the state
	 * @param count how many items
	 * @since 0.1.0
	 */
	public record CountDescriptor(String name, StoredState state, long count) {

	}

}
