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
	 * Whether the last pick brought the waiting items down to the room mark, where
	 * callers blocked for room are woken; written and read by the worker that took, under
	 * the take lock.
	 */
	boolean madeRoom;

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
			this.madeRoom |= reachesRoomMark(registry.ready.decrement() + registry.held.get());
			if (mayRun(item)) {
				return item;
			}
		}
		return null;
	}

	private void leaveHeld() {
		this.madeRoom |= reachesRoomMark(this.registry.waiting());
		this.registry.held.decrementAndGet();
	}

	/**
	 * Whether taking one of {@code before} waiting items reaches the room mark.
	 */
	private boolean reachesRoomMark(int before) {
		return before > this.registry.roomMark && before - 1 <= this.registry.roomMark;
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
