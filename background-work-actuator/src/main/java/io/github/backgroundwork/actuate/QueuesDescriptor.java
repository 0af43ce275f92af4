package io.github.backgroundwork.actuate;

import java.util.List;
import java.util.Map;

import io.github.backgroundwork.recurring.RecurringStatus;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code GET /actuator/backgroundwork} returns: each queue by name, and the durable
 * store's items for the whole cluster when typed work is kept in the database, and each
 * recurring name with its schedule, next due time and last run.
 *
 * @param queues the queues, by bean name
 * @param durable the durable store's items, or {@code null} when typed work is kept in
 * memory
 * @param recurring the recurring names, or {@code null} when the application has no
 * recurring work
 * @since 0.1.0
 */
public record QueuesDescriptor(Map<String, QueueDescriptor> queues, @Nullable DurableWorkDescriptor durable,
		@Nullable List<RecurringStatus> recurring) implements OperationResponseBody {

	/**
	 * Describe queues without recurring work.
	 * @param queues the queues, by bean name
	 * @param durable the durable store's items, or {@code null} when typed work is kept
	 * in memory
	 */
	public QueuesDescriptor(Map<String, QueueDescriptor> queues, @Nullable DurableWorkDescriptor durable) {
		this(queues, durable, null);
	}

	/**
	 * Describe queues whose typed work is kept in memory.
	 * @param queues the queues, by bean name
	 */
	public QueuesDescriptor(Map<String, QueueDescriptor> queues) {
		this(queues, null, null);
	}

}
