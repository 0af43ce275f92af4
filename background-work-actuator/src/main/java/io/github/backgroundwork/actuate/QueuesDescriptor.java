package io.github.backgroundwork.actuate;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code GET /actuator/backgroundwork} returns: each queue by name, and the durable
 * store's items for the whole cluster when typed work is kept in the database.
 *
 * @param queues the queues, by bean name
 * @param durable the durable store's items, or {@code null} when typed work is kept in
 * memory
 * @since 0.1.0
 */
public record QueuesDescriptor(Map<String, QueueDescriptor> queues,
		@Nullable DurableWorkDescriptor durable) implements OperationResponseBody {

	/**
	 * Describe queues whose typed work is kept in memory.
	 * @param queues the queues, by bean name
	 */
	public QueuesDescriptor(Map<String, QueueDescriptor> queues) {
		this(queues, null);
	}

}
