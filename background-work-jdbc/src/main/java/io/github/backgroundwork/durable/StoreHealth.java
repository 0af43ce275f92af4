package io.github.backgroundwork.durable;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Whether a queue's claimer reaches its store: its last statement succeeded, or the
 * statements have failed since a given moment.
 *
 * @param reachable whether the last statement succeeded
 * @param unreachableSince when statements began to fail, or {@code null} while reachable
 * @param lastError the message of the last failure, or {@code null} while reachable
 * @since 0.1.0
 */
public record StoreHealth(boolean reachable, @Nullable Instant unreachableSince, @Nullable String lastError) {

	static final StoreHealth REACHABLE = new StoreHealth(true, null, null);

}
