package io.github.backgroundwork.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Per-name limits on how many items run at once, set by a handler's {@code concurrency}.
 * An item whose name is at its limit is parked here, holding no worker and no place, and
 * becomes eligible when an item of its name ends; eligible items are taken before any
 * other. Not thread-safe: guarded by the take lock.
 */
final class NameLimits {

	private final Map<String, Limit> limits = new HashMap<>();

	private final ArrayDeque<WorkItem> eligible = new ArrayDeque<>();

	/**
	 * Parked items, live or removed.
	 */
	private int parked;

	/**
	 * Count an item as running if its name has room, or park it.
	 * @return whether it may run now
	 */
	boolean tryAcquire(WorkItem item) {
		Limit limit = limitOf(item);
		if (limit == null) {
			return true;
		}
		if (limit.running < limit.max) {
			limit.running++;
			return true;
		}
		limit.parked.add(item);
		this.parked++;
		return false;
	}

	/**
	 * Count an item of a limited name as no longer running, and make the next parked item
	 * of its name eligible.
	 */
	void release(WorkItem item) {
		Limit limit = limitOf(item);
		if (limit == null) {
			return;
		}
		limit.running--;
		WorkItem next;
		while ((next = limit.parked.poll()) != null) {
			this.parked--;
			if (!next.removed) {
				limit.running++;
				this.eligible.add(next);
				return;
			}
		}
	}

	/**
	 * Take the oldest eligible item.
	 */
	@Nullable WorkItem pollEligible() {
		WorkItem item;
		while ((item = this.eligible.poll()) != null) {
			if (!item.removed) {
				return item;
			}
			Limit limit = limitOf(item);
			if (limit != null) {
				limit.running--;
			}
		}
		return null;
	}

	boolean hasEligible() {
		return !this.eligible.isEmpty();
	}

	/**
	 * Mark a parked or eligible item removed (cancelled), in O(1).
	 */
	void remove(WorkItem item) {
		item.removed = true;
	}

	void forEach(Consumer<WorkItem> action) {
		this.eligible.forEach((item) -> {
			if (!item.removed) {
				action.accept(item);
			}
		});
		this.limits.values().forEach((limit) -> limit.parked.forEach((item) -> {
			if (!item.removed) {
				action.accept(item);
			}
		}));
	}

	/**
	 * Take every waiting item, eligible ones first.
	 */
	void drain(Consumer<WorkItem> action) {
		forEach(action);
		for (WorkItem item : this.eligible) {
			Limit limit = limitOf(item);
			if (limit != null) {
				limit.running--;
			}
		}
		this.eligible.clear();
		this.limits.values().forEach((limit) -> limit.parked.clear());
		this.parked = 0;
	}

	private @Nullable Limit limitOf(WorkItem item) {
		TypedWork typed = item.typed();
		if (typed == null || typed.handler.concurrency() <= 0) {
			return null;
		}
		return this.limits.computeIfAbsent(item.name(), (name) -> new Limit(typed.handler.concurrency()));
	}

	private static final class Limit {

		private final int max;

		private int running;

		private final ArrayDeque<WorkItem> parked = new ArrayDeque<>();

		Limit(int max) {
			this.max = max;
		}

	}

}
