package io.github.backgroundwork.actuate;

import io.github.backgroundwork.WorkState;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code DELETE /actuator/backgroundwork/{id}} returns.
 *
 * @param id the item's id
 * @param name the kind of work
 * @param cancellable {@code true} if the item had not ended and cancellation was
 * requested; {@code false} if it had already ended
 * @param state the item's state just after the request: {@code CANCELLED} at once for an
 * item that had not started; still {@code RUNNING} for a running item until its work
 * returns
 * @since 0.1.0
 */
public record CancellationDescriptor(String id, String name, boolean cancellable,
		WorkState state) implements OperationResponseBody {

}
