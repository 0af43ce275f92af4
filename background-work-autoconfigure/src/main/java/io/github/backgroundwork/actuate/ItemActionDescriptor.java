package io.github.backgroundwork.actuate;

import io.github.backgroundwork.ActionResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What an operator's action on one item did, as the endpoint answers it.
 *
 * @param id the item's id
 * @param action the action: {@code retry}, {@code cancel} or {@code delete}
 * @param result what it did: {@code APPLIED}, or why not
 * @param message why it was not applied, in words, or {@code null} when it was
 * @since 0.1.0
 */
public record ItemActionDescriptor(String id, String action, ActionResult result,
		@Nullable String message) implements OperationResponseBody {

}
