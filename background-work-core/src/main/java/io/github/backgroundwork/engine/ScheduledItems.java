package io.github.backgroundwork.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The items waiting for their time, earliest first: a heap on the monotonic clock, with
 * tombstones for cancelled items, as in the {@link ReadyQueue}. No thread waits per item:
 * an idle worker waits until the earliest is due. Not thread-safe: guarded by the take
 * lock.
 */
final class ScheduledItems {

	private static final Comparator<WorkItem> EARLIEST_FIRST = Comparator
		.comparingLong((WorkItem item) -> dueNanos(item))
		.thenComparingLong((item) -> item.sequence);

	private final PriorityQueue<WorkItem> heap = new PriorityQueue<>(EARLIEST_FIRST);

	private int tombstones;

	private static long dueNanos(WorkItem item) {
		TypedWork typed = item.typed();
		return (typed != null) ? typed.dueNanos : 0;
	}

	void add(WorkItem item) {
		item.removed = false;
		this.heap.add(item);
	}

	int size() {
		return this.heap.size() - this.tombstones;
	}

	/**
	 * Return when the earliest item is due.
	 * @return the time on the monotonic clock, or {@link Long#MAX_VALUE} if none waits
	 */
	long nextDueNanos() {
		WorkItem first = peek();
		return (first != null) ? dueNanos(first) : Long.MAX_VALUE;
	}

	/**
	 * Take the earliest item if it is due.
	 * @param now the time now
	 * @return the item, or {@code null} if none is due
	 */
	@Nullable WorkItem pollDue(long now) {
		WorkItem first = peek();
		if (first == null || dueNanos(first) - now > 0) {
			return null;
		}
		return this.heap.poll();
	}

	private @Nullable WorkItem peek() {
		WorkItem first = this.heap.peek();
		while (first != null && first.removed) {
			this.heap.poll();
			this.tombstones--;
			first = this.heap.peek();
		}
		return first;
	}

	/**
	 * Mark an item removed, in O(1); the heap is rebuilt once tombstones outnumber the
	 * live items.
	 */
	void remove(WorkItem item) {
		item.removed = true;
		this.tombstones++;
		if (this.tombstones > 64 && this.tombstones > size()) {
			this.heap.removeIf((candidate) -> candidate.removed);
			this.tombstones = 0;
		}
	}

	void forEach(Consumer<WorkItem> action) {
		List<WorkItem> items = new ArrayList<>(this.heap);
		items.sort(EARLIEST_FIRST);
		for (WorkItem item : items) {
			if (!item.removed) {
				action.accept(item);
			}
		}
	}

	/**
	 * Take every live item, earliest first.
	 */
	void drain(Consumer<WorkItem> action) {
		WorkItem item;
		while ((item = peek()) != null) {
			this.heap.poll();
			action.accept(item);
		}
	}

}
