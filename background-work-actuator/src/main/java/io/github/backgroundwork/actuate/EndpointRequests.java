package io.github.backgroundwork.actuate;

import java.util.Map;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * Checks the parameters of a request to the {@link BackgroundWorkEndpoint} (which queues,
 * which items, which page), turning a bad one into an
 * {@link InvalidEndpointRequestException} (400 over HTTP) that names it.
 */
final class EndpointRequests {

	private EndpointRequests() {
	}

	/**
	 * The items a read asks for: in that state, of that name, one page of them.
	 */
	static WorkQuery query(@Nullable String state, @Nullable String name, @Nullable Integer offset,
			@Nullable Integer limit) {
		return new WorkQuery(stateOf(state), name, checkOffset(offset), checkLimit(limit));
	}

	/**
	 * The queue of that name, or every queue.
	 */
	static Map<String, BackgroundWorkQueue> queuesOf(Map<String, BackgroundWorkQueue> queues, @Nullable String queue) {
		try {
			return RequestFields.select(queues, queue);
		}
		catch (WorkActions.InvalidActionException ex) {
			throw invalid(ex.getMessage());
		}
	}

	private static @Nullable WorkState stateOf(@Nullable String state) {
		try {
			return RequestFields.parseState(state);
		}
		catch (WorkActions.InvalidActionException ex) {
			throw invalid(ex.getMessage());
		}
	}

	private static int checkOffset(@Nullable Integer offset) {
		if (offset == null) {
			return 0;
		}
		if (offset < 0) {
			throw invalid("offset must not be negative, was " + offset);
		}
		return offset;
	}

	private static int checkLimit(@Nullable Integer limit) {
		if (limit == null) {
			return BackgroundWorkEndpoint.DEFAULT_LIMIT;
		}
		if (limit < 0) {
			throw invalid("limit must not be negative, was " + limit);
		}
		return Math.min(limit, BackgroundWorkEndpoint.MAX_LIMIT);
	}

	/**
	 * A 400 over HTTP, saying why: the reason names the parameter.
	 */
	static InvalidEndpointRequestException invalid(String reason) {
		return new InvalidEndpointRequestException(reason, reason);
	}

}
