package io.github.backgroundwork.actuate;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the
 * {@link BackgroundWorkEndpoint}: answers {@code 404} to a {@code DELETE} of an unknown
 * item, where the plain endpoint would answer {@code 204 No Content}, which reads as
 * success.
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

}
