package io.github.backgroundwork.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * Told by a {@link PostgresWorkNotifier} that new work may be waiting in the store.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkNotificationListener {

	/**
	 * Called on the notifier's thread when items may be waiting; should return quickly
	 * (wake a claimer, do not claim here).
	 * @param name the name of the work a committed insert notified, or {@code null} after
	 * the listening connection was re-established, when notifications may have been
	 * missed and the store should be polled once
	 */
	void workAvailable(@Nullable String name);

}
