package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.List;

/**
 * What one pass of the rescuer did with items whose lease had expired.
 *
 * @param requeued how many went back to {@link StoredState#QUEUED} to run again
 * @param failed the ids of the items that ended {@link StoredState#FAILED} because no
 * attempt was left
 * @param heldUp whether the pass stopped early because a statement's connection came
 * later than its patience allowed ({@link JdbcWorkStore#rescueExpired(Duration)}): the
 * statements after it did not run
 * @since 0.1.0
 */
public record RescueResult(int requeued, List<String> failed, boolean heldUp) {

	/**
	 * Create a result.
	 * @param requeued how many items were queued again
	 * @param failed the ids of the items that failed
	 * @param heldUp whether the pass stopped early, held up by its store
	 */
	public RescueResult {
		failed = List.copyOf(failed);
	}

	/**
	 * Create the result of a whole pass.
	 * @param requeued how many items were queued again
	 * @param failed the ids of the items that failed
	 */
	public RescueResult(int requeued, List<String> failed) {
		this(requeued, failed, false);
	}

}
