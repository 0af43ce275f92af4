package io.github.backgroundwork.recurring;

import java.util.List;
import java.util.Set;

/**
 * The recurring names of an application: those switched on, with their schedules, and
 * those switched off (whose pending run is cancelled).
 *
 * @param enabled the names switched on
 * @param disabled the names switched off
 * @since 0.1.0
 */
public record RecurringNames(List<RecurringWork> enabled, Set<String> disabled) {

	/**
	 * Copy the components.
	 */
	public RecurringNames {
		enabled = List.copyOf(enabled);
		disabled = Set.copyOf(disabled);
	}

	/**
	 * Create the names of work that all recur, switched on.
	 * @param works the names and their schedules
	 * @return the names
	 */
	public static RecurringNames of(RecurringWork... works) {
		return new RecurringNames(List.of(works), Set.of());
	}

}
