package io.github.backgroundwork.actuate;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the endpoint answers to a request it cannot serve, over HTTP.
 *
 * @param status the HTTP status
 * @param error the status's reason phrase
 * @param message what was wrong, naming the parameter
 * @since 0.1.0
 */
public record RequestErrorDescriptor(int status, String error, String message) implements OperationResponseBody {

	static RequestErrorDescriptor badRequest(String message) {
		return new RequestErrorDescriptor(400, "Bad Request", message);
	}

}
