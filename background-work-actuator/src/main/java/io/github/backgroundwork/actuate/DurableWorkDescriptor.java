package io.github.backgroundwork.actuate;

import java.time.Instant;
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
 * @param instances the instances that claim from the store, live and recently gone, by
 * queue then start time
 * @since 0.1.0
 */
public record DurableWorkDescriptor(List<CountDescriptor> counts, int omittedNames, java.time.Duration endedWithin,
		ItemsDescriptor items, List<InstanceDescriptor> instances) {

	/**
	 * Create a descriptor.
	 */
	public DurableWorkDescriptor {
		instances = List.copyOf(instances);
	}

	/**
	 * Create a descriptor without instances, as before they were listed.
	 * @param counts how many items there are per name and state
	 * @param omittedNames how many more names have items
	 * @param endedWithin the window of ended items that {@code counts} includes
	 * @param items one page of the items that match the request
	 */
	public DurableWorkDescriptor(List<CountDescriptor> counts, int omittedNames, java.time.Duration endedWithin,
			ItemsDescriptor items) {
		this(counts, omittedNames, endedWithin, items, List.of());
	}

	/**
	 * One queue of one instance that claims from the store.
	 *
	 * @param id its id: the {@code owner} of the items it claims
	 * @param queue the queue it claims for
	 * @param host the host it runs on
	 * @param startedAt when it started claiming
	 * @param concurrency how many items it runs at once
	 * @param names the names of work it has handlers for
	 * @param lastSeen when it last said it was alive (its heartbeat comes with every
	 * lease renewal)
	 * @param live whether it claims: it has not stopped and was seen within a lease
	 * @since 0.1.0
	 */
	public record InstanceDescriptor(String id, String queue, String host, Instant startedAt, int concurrency,
			List<String> names, Instant lastSeen, boolean live) {

	}

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
