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

	private final int attempt;

	private volatile @Nullable String outcome;

	/**
	 * Create a context.
	 * @param item the item being observed
	 */
	public WorkObservationContext(WorkInfo item) {
		this.item = item;
		this.attempt = item.attempts();
	}

	/**
	 * Return which attempt of the item is observed: 1 for the first run, 2 for the first
	 * retry of typed work, and so on.
	 * @return the attempt's number
	 * @since 0.1.0
	 */
	public int getAttempt() {
		return this.attempt;
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
	 * @return {@code success}, {@code failure}, {@code retry} (it failed and will run
	 * again), {@code cancelled} or {@code abandoned}, or {@code null} while it runs
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
