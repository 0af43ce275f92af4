package io.github.backgroundwork.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.backgroundwork.WorkTotals;

/**
 * The items that hold one of the {@code concurrency} places (or run on a caller's thread
 * with caller-runs), the recently finished ones, and the count of every outcome. Not
 * thread-safe: the {@link Dispatcher} guards it with its take lock.
 */
final class RunningItems {

	private final WorkItem[] slots;

	private final int[] free;

	private int freeCount;

	private final List<WorkItem> inline = new ArrayList<>(0);

	private final FinishedHistory history;

	private long succeeded;

	private long failed;

	private long cancelled;

	private long abandoned;

	RunningItems(int concurrency, int historySize) {
		this.slots = new WorkItem[concurrency];
		this.free = new int[concurrency];
		for (int i = 0; i < concurrency; i++) {
			this.free[i] = concurrency - 1 - i;
		}
		this.freeCount = concurrency;
		this.history = new FinishedHistory(historySize);
	}

	boolean hasFreePlace() {
		return this.freeCount > 0;
	}

	void occupy(WorkItem item) {
		int slot = this.free[--this.freeCount];
		this.slots[slot] = item;
		item.slot = slot;
	}

	void occupyInline(WorkItem item) {
		item.slot = WorkItem.INLINE_SLOT;
		this.inline.add(item);
	}

	/**
	 * Give back an item's place, if it still holds one.
	 * @return whether it held one
	 */
	boolean release(WorkItem item) {
		int slot = item.slot;
		if (slot == WorkItem.NO_SLOT || slot == WorkItem.PARKED_SLOT) {
			return false;
		}
		item.slot = WorkItem.NO_SLOT;
		if (slot == WorkItem.INLINE_SLOT) {
			this.inline.remove(item);
		}
		else {
			this.slots[slot] = null;
			this.free[this.freeCount++] = slot;
		}
		return true;
	}

	/**
	 * Count an item that has ended and keep it among the recent ones.
	 */
	void ended(WorkItem item) {
		switch (item.state()) {
			case SUCCEEDED -> this.succeeded++;
			// A stored item its store runs again has not ended: only this run has
			case FAILED -> {
				TypedWork typed = item.typed();
				if (typed == null || typed.storedRetryDelay == null) {
					this.failed++;
				}
			}
			case CANCELLED -> this.cancelled++;
			default -> this.abandoned++;
		}
		this.history.add(item);
	}

	int size() {
		return this.slots.length - this.freeCount + this.inline.size();
	}

	boolean isEmpty() {
		return size() == 0;
	}

	/**
	 * Return the running items, oldest first.
	 */
	List<WorkItem> list() {
		List<WorkItem> items = new ArrayList<>(size());
		for (WorkItem item : this.slots) {
			if (item != null) {
				items.add(item);
			}
		}
		items.addAll(this.inline);
		items.sort((a, b) -> Long.compare(a.sequence, b.sequence));
		return items;
	}

	/**
	 * Forget a finished item, as an operator asks; its outcome stays counted.
	 * @return whether it was among the recent ones
	 */
	boolean forgetFinished(WorkItem item) {
		return this.history.remove(item);
	}

	void forEachFinished(Consumer<WorkItem> action) {
		this.history.forEach(action);
	}

	WorkTotals totals(long accepted, long rejected) {
		return new WorkTotals(accepted, this.succeeded, this.failed, this.cancelled, rejected, this.abandoned);
	}

}
