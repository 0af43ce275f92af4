package io.github.backgroundwork.observation;

import io.github.backgroundwork.WorkInfo;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the observation of one item of background work.
 *
 * @since 0.1.0
 */
public class WorkObservationContext extends Observation.Context {

	private final WorkInfo item;

	private volatile @Nullable String outcome;

	/**
	 * Create a context.
	 * @param item the item being observed
	 */
	public WorkObservationContext(WorkInfo item) {
		this.item = item;
	}

	/**
	 * Return the item being observed.
	 * @return the item
	 */
	public WorkInfo getItem() {
		return this.item;
	}

	/**
	 * Return how the item ended.
	 * @return {@code success}, {@code failure}, {@code cancelled} or {@code abandoned},
	 * or {@code null} while it runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the item ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}
