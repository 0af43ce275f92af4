package io.github.backgroundwork.engine;

import java.util.List;
import java.util.Optional;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import org.jspecify.annotations.Nullable;

/**
 * Where a queue keeps its typed work instead of memory: a store that takes requests,
 * claims them back for the queue's {@link WorkEngine} through
 * {@link WorkEngine#submitClaimed}, and records how each ended. Bound to one engine.
 * Internal.
 *
 * @since 0.1.0
 */
public interface DurableWork {

	/**
	 * Store typed work, all or none, joining the caller's transaction if there is one.
	 * @param requests the requests
	 * @return a handle per request
	 * @throws IllegalArgumentException naming the request that has no handler or whose
	 * payload cannot be stored
	 */
	List<WorkHandle> enqueueAll(List<WorkRequest> requests);

	/**
	 * Find a stored item by its id, wherever it runs or ran.
	 * @param id any string
	 * @return the item, or empty if no row has that id
	 */
	default Optional<WorkHandle> find(String id) {
		return Optional.empty();
	}

	/**
	 * Count this queue's stored items that have not ended (queued, scheduled or running,
	 * on any instance). Blocks for one short query.
	 * @return how many have not ended
	 * @since 0.1.0
	 */
	default long countUnended() {
		return 0;
	}

	/**
	 * Pause a name of work, or the whole queue, for every instance: store the pause, then
	 * hold it on this instance's engine at once. Blocks for one short statement.
	 * @param name the name of work, or {@code null} for the whole queue
	 * @since 0.1.0
	 */
	default void pause(@Nullable String name) {
		throw new UnsupportedOperationException("This store of work cannot pause it");
	}

	/**
	 * Resume a name of work, or the whole queue, for every instance: delete the stored
	 * pause, then release it on this instance's engine at once and claim. Blocks for one
	 * short statement.
	 * @param name the name of work, or {@code null} for the whole queue
	 * @since 0.1.0
	 */
	default void resume(@Nullable String name) {
		throw new UnsupportedOperationException("This store of work cannot resume it");
	}

	/**
	 * Begin claiming work for the engine, which has started. Does not block.
	 */
	void start();

	/**
	 * Stop claiming and take back what was claimed but has not started; called before the
	 * engine drains. Blocks for a short statement.
	 */
	void stopClaiming();

	/**
	 * Record what the drain left (items handed back) and stop; called once the engine has
	 * stopped. Blocks for a few short statements.
	 */
	void stopped();

}
