package io.github.backgroundwork.actuate;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What an operator's bulk action did, as the endpoint answers it.
 *
 * @param matched how many items matched its filter (for {@code pause} and {@code resume}:
 * how many queues were addressed)
 * @param changed how many of them it changed (for {@code pause} and {@code resume}: how
 * many queues' pauses it changed)
 * @since 0.1.0
 */
public record BulkActionDescriptor(long matched, long changed) implements OperationResponseBody {

}
