package io.github.backgroundwork.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.backgroundwork.PausedWork;

import org.jspecify.annotations.Nullable;

/**
 * Per-name limits on how many items run at once, set by a handler's {@code concurrency}.
 * An item whose name is at its limit is parked here, holding no worker and no place, and
 * becomes eligible when an item of its name ends; eligible items are taken before any
 * other. A paused name (or a paused queue) is a limit of 0 an operator sets: its items
 * are held here, holding no worker and no place either, until it is resumed. Not
 * thread-safe: guarded by the take lock.
 */
final class NameLimits {

	private final Map<String, Limit> limits = new HashMap<>();

	private final ArrayDeque<WorkItem> eligible = new ArrayDeque<>();

	/**
	 * Parked items, live or removed.
	 */
	private int parked;

	private final Set<String> pausedNames = new HashSet<>();

	private boolean queuePaused;

	/**
	 * Items held by a pause, live or removed, oldest first.
	 */
	private final ArrayDeque<WorkItem> paused = new ArrayDeque<>();

	/**
	 * Count an item as running if its name has room, or park it: under its name's limit,
	 * or until its name is resumed.
	 * @return whether it may run now
	 */
	boolean tryAcquire(WorkItem item) {
		if (isPaused(item.name())) {
			this.paused.add(item);
			return false;
		}
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
			if (!item.removed && !isPaused(item.name())) {
				return item;
			}
			Limit limit = limitOf(item);
			if (limit != null) {
				limit.running--;
			}
			if (!item.removed) {
				// Its name was paused after it became eligible: it waits for the resume
				this.paused.add(item);
			}
		}
		return null;
	}

	/**
	 * Pause a name, or the whole queue if {@code name} is {@code null}.
	 * @return whether it was not paused
	 */
	boolean pause(@Nullable String name) {
		if (name == null) {
			boolean changed = !this.queuePaused;
			this.queuePaused = true;
			return changed;
		}
		return this.pausedNames.add(name);
	}

	/**
	 * Resume a name, or the whole queue if {@code name} is {@code null}, and make the
	 * items it held eligible (or parked under their name's limit), oldest first.
	 * @return whether it was paused
	 */
	boolean resume(@Nullable String name) {
		boolean changed = (name != null) ? this.pausedNames.remove(name) : this.queuePaused;
		if (name == null) {
			this.queuePaused = false;
		}
		if (changed) {
			release();
		}
		return changed;
	}

	/**
	 * Make the pauses exactly these, releasing what they no longer hold.
	 * @return whether anything changed
	 */
	boolean set(PausedWork pauses) {
		if (pauses.queue() == this.queuePaused && pauses.names().equals(this.pausedNames)) {
			return false;
		}
		this.queuePaused = pauses.queue();
		this.pausedNames.clear();
		this.pausedNames.addAll(pauses.names());
		release();
		return true;
	}

	PausedWork paused() {
		return new PausedWork(this.queuePaused, this.pausedNames);
	}

	/**
	 * Return how many live items a pause holds: they wait for no place.
	 */
	int pausedCount() {
		int count = 0;
		for (WorkItem item : this.paused) {
			count += item.removed ? 0 : 1;
		}
		return count;
	}

	private boolean isPaused(String name) {
		return this.queuePaused || (!this.pausedNames.isEmpty() && this.pausedNames.contains(name));
	}

	/**
	 * Move every live item no pause holds any more on, as if it were taken now.
	 */
	private void release() {
		Iterator<WorkItem> iterator = this.paused.iterator();
		while (iterator.hasNext()) {
			WorkItem item = iterator.next();
			if (item.removed) {
				iterator.remove();
			}
			else if (!isPaused(item.name())) {
				iterator.remove();
				Limit limit = limitOf(item);
				if (limit == null || limit.running < limit.max) {
					if (limit != null) {
						limit.running++;
					}
					this.eligible.add(item);
				}
				else {
					limit.parked.add(item);
					this.parked++;
				}
			}
		}
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
		this.paused.forEach((item) -> {
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
		this.paused.clear();
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
