package io.github.backgroundwork;

import java.util.List;

/**
 * Published as an application event when the application shuts down and the deadline
 * passes with background work unfinished: the items that never started and those still
 * running, by id and name. Listen for it with {@code @EventListener} to persist them and
 * run them again on the next start.
 *
 * @param items the abandoned items, never empty
 * @since 0.1.0
 */
public record BackgroundWorkAbandonedEvent(List<WorkItemSnapshot> items) {

	/**
	 * Create an event.
	 * @param items the abandoned items
	 */
	public BackgroundWorkAbandonedEvent {
		items = List.copyOf(items);
	}

}
