package io.github.backgroundwork.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code GET /actuator/backgroundwork} returns: each queue by name.
 *
 * @param queues the queues, by bean name
 * @since 0.2.0
 */
public record QueuesDescriptor(Map<String, QueueDescriptor> queues) implements OperationResponseBody {

}
