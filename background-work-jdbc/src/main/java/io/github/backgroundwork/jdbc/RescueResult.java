package io.github.backgroundwork.jdbc;

import java.util.List;

/**
 * What one pass of the rescuer did with items whose lease had expired.
 *
 * @param requeued how many went back to {@link StoredState#QUEUED} to run again
 * @param failed the ids of the items that ended {@link StoredState#FAILED} because no
 * attempt was left
 * @since 0.1.0
 */
public record RescueResult(int requeued, List<String> failed) {

	/**
	 * Create a result.
	 * @param requeued how many items were queued again
	 * @param failed the ids of the items that failed
	 */
	public RescueResult {
		failed = List.copyOf(failed);
	}

}
