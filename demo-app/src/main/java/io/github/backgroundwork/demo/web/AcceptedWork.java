package io.github.backgroundwork.demo.web;

import io.github.backgroundwork.WorkHandle;

/**
 * The body of a {@code 202 Accepted} answer: which item was queued and where to watch it.
 *
 * @param id the item's id
 * @param name the item's name, the kind of work
 * @param location where the item can be watched, as in the {@code Location} header
 * @since 0.1.0
 */
public record AcceptedWork(String id, String name, String location) {

	/**
	 * Describe a queued item.
	 * @param work the item
	 * @param locations where items can be watched
	 * @return the description
	 */
	public static AcceptedWork of(WorkHandle work, WorkLocations locations) {
		return new AcceptedWork(work.id(), work.name(), locations.of(work.id()).toString());
	}

}
