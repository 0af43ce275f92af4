package io.github.backgroundwork.engine;

import org.jspecify.annotations.Nullable;

/**
 * Picks the next item that may run, under the take lock: an item its name's limit let
 * through, then a scheduled item that is due, then the oldest queued item; parks those
 * whose name is at its limit, or paused, on the way.
 */
final class Candidates {

	private final ItemRegistry registry;

	/**
	 * Whether the last pick turned a full queue into one with room; written and read by
	 * the worker that took, under the take lock.
	 */
	boolean tookFromFull;

	Candidates(ItemRegistry registry) {
		this.registry = registry;
	}

	@Nullable WorkItem next() {
		ItemRegistry registry = this.registry;
		WorkItem item = registry.limits.pollEligible();
		if (item != null) {
			item.slot = WorkItem.NO_SLOT;
			leaveHeld();
			return item;
		}
		while (registry.scheduled.size() > 0 && (item = registry.scheduled.pollDue(System.nanoTime())) != null) {
			leaveHeld();
			if (mayRun(item)) {
				return item;
			}
		}
		while (registry.ready.size() > 0) {
			item = registry.ready.unlinkFirst();
			this.tookFromFull |= registry.ready.decrement() + registry.held.get() >= registry.settings.capacity();
			if (mayRun(item)) {
				return item;
			}
		}
		return null;
	}

	private void leaveHeld() {
		this.tookFromFull |= this.registry.waiting() >= this.registry.settings.capacity();
		this.registry.held.decrementAndGet();
	}

	/**
	 * Whether an item's name has room; if not, park it until an item of its name ends.
	 */
	private boolean mayRun(WorkItem item) {
		if (this.registry.limits.tryAcquire(item)) {
			return true;
		}
		item.slot = WorkItem.PARKED_SLOT;
		// Due, and waiting for a place under its name's limit or for a resume: queued
		// again
		item.requeue();
		this.registry.held.incrementAndGet();
		// A drain waits for no paused item
		this.registry.signalChanged();
		return false;
	}

}
