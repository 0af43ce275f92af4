package io.github.backgroundwork;

import java.util.List;

/**
 * One page of the items that match a {@link WorkQuery}.
 *
 * @param items the items of the page: those in flight oldest first, then the recently
 * finished ones most recent first
 * @param total how many items match in all, on every page
 * @since 0.1.0
 */
public record WorkPage(List<WorkItemSnapshot> items, long total) {

	/**
	 * Create a page.
	 * @param items the items of the page
	 * @param total how many items match in all
	 */
	public WorkPage {
		items = List.copyOf(items);
	}

}
