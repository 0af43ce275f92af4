package io.github.backgroundwork.actuate;

import io.github.backgroundwork.WorkRejectedException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the
 * {@link BackgroundWorkEndpoint}: answers a bad query parameter with {@code 400} and a
 * body that names it, whatever {@code server.error.include-message} says; {@code 404} to
 * a {@code DELETE} of an unknown item, where the plain endpoint would answer
 * {@code 204 No Content}, which reads as success; and to an action on one item,
 * {@code 404} if it is unknown and {@code 409} if its state refuses the action.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = BackgroundWorkEndpoint.class)
public class BackgroundWorkEndpointWebExtension {

	/**
	 * The status of an action the item's state refuses.
	 */
	private static final int STATUS_CONFLICT = 409;

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

	/**
	 * Act on one item: {@code 200} when applied, {@code 404} if no queue knows the id,
	 * {@code 409} when the item's state refuses the action (live, ended, a lambda), with
	 * an {@link ItemActionDescriptor} that says why; {@code 400} naming {@code action} if
	 * it is missing or unknown; {@code 503} if a retried item does not fit in its queue.
	 * @param id the item's id
	 * @param action {@code retry}, {@code cancel} or {@code delete}
	 * @return the outcome
	 * @since 0.1.0
	 * @see BackgroundWorkEndpoint#act(String, String)
	 */
	@WriteOperation
	public WebEndpointResponse<Object> act(@Selector String id, @Nullable String action) {
		try {
			ItemActionDescriptor outcome = this.delegate.act(id, action);
			int status = switch (outcome.result()) {
				case APPLIED -> WebEndpointResponse.STATUS_OK;
				case NOT_FOUND -> WebEndpointResponse.STATUS_NOT_FOUND;
				default -> STATUS_CONFLICT;
			};
			return new WebEndpointResponse<>(outcome, status);
		}
		catch (InvalidEndpointRequestException ex) {
			return badRequest(ex);
		}
		catch (WorkRejectedException ex) {
			return unavailable(ex);
		}
	}

	/**
	 * Act on every item a filter matches, pause or resume, or run a recurring name now:
	 * {@code 200} with a {@link BulkActionDescriptor}, {@code 400} naming the field that
	 * is invalid, or {@code 503} if a triggered run does not fit in its queue.
	 * @param action {@code retry}, {@code cancel}, {@code delete}, {@code pause},
	 * {@code resume} or {@code trigger}
	 * @param queue only this queue, or {@code null}
	 * @param state only items in this state, or {@code null}
	 * @param name only items of this name of work, or {@code null}
	 * @param keyPrefix only items whose key starts with this, or {@code null}
	 * @param olderThan a duration back from now or an instant, or {@code null}
	 * @return the counts
	 * @since 0.1.0
	 * @see BackgroundWorkEndpoint#actOnAll(String, String, String, String, String,
	 * String)
	 */
	@WriteOperation
	public WebEndpointResponse<Object> actOnAll(@Nullable String action, @Nullable String queue, @Nullable String state,
			@Nullable String name, @Nullable String keyPrefix, @Nullable String olderThan) {
		try {
			return new WebEndpointResponse<>(this.delegate.actOnAll(action, queue, state, name, keyPrefix, olderThan));
		}
		catch (InvalidEndpointRequestException ex) {
			return badRequest(ex);
		}
		catch (WorkRejectedException ex) {
			return unavailable(ex);
		}
	}

	private static WebEndpointResponse<Object> unavailable(WorkRejectedException ex) {
		return new WebEndpointResponse<>(new RequestErrorDescriptor(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE,
				"Service Unavailable", ex.getMessage()), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

	private static WebEndpointResponse<Object> badRequest(InvalidEndpointRequestException ex) {
		return new WebEndpointResponse<>(RequestErrorDescriptor.badRequest(ex.getReason()),
				WebEndpointResponse.STATUS_BAD_REQUEST);
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
