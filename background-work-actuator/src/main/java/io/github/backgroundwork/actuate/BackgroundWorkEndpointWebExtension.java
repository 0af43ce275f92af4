package io.github.backgroundwork.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the
 * {@link BackgroundWorkEndpoint}: answers a bad query parameter with {@code 400} and a
 * body that names it, whatever {@code server.error.include-message} says; and {@code 404}
 * to a {@code DELETE} of an unknown item, where the plain endpoint would answer
 * {@code 204 No Content}, which reads as success.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = BackgroundWorkEndpoint.class)
public class BackgroundWorkEndpointWebExtension {

	private final BackgroundWorkEndpoint delegate;

	/**
	 * Create an extension.
	 * @param delegate the endpoint
	 */
	public BackgroundWorkEndpointWebExtension(BackgroundWorkEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Describe the queues.
	 * @param queue only the queue of this name, or {@code null} for every queue
	 * @param state only items in this state, or {@code null}
	 * @param name only items of this name of work, or {@code null}
	 * @param offset how many matching items to skip, or {@code null}
	 * @param limit how many items to show per queue, or {@code null}
	 * @return the queues, or {@code 400} with a {@link RequestErrorDescriptor} if a
	 * parameter is invalid
	 * @since 0.1.0
	 * @see BackgroundWorkEndpoint#queues(String, String, String, Integer, Integer)
	 */
	@ReadOperation
	public WebEndpointResponse<Object> queues(@Nullable String queue, @Nullable String state, @Nullable String name,
			@Nullable String offset, @Nullable String limit) {
		try {
			return new WebEndpointResponse<>(
					this.delegate.queues(queue, state, name, parseInt(offset, "offset"), parseInt(limit, "limit")));
		}
		catch (InvalidEndpointRequestException ex) {
			return new WebEndpointResponse<>(RequestErrorDescriptor.badRequest(ex.getReason()),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

	/**
	 * Request cancellation of one item.
	 * @param id the item's id
	 * @return whether the item was still cancellable, or {@code 404} if it is unknown
	 * @see BackgroundWorkEndpoint#cancel(String)
	 */
	@DeleteOperation
	public WebEndpointResponse<CancellationDescriptor> cancel(@Selector String id) {
		CancellationDescriptor cancellation = this.delegate.cancel(id);
		return (cancellation != null) ? new WebEndpointResponse<>(cancellation)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static @Nullable Integer parseInt(@Nullable String value, String parameter) {
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			String reason = parameter + " must be a whole number, was '" + value + "'";
			throw new InvalidEndpointRequestException(reason, reason);
		}
	}

}
