package io.github.backgroundwork.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The items waiting for a worker, first in first out: a linked list threaded through the
 * items themselves, so that queueing allocates nothing, with the two-lock discipline of
 * {@link java.util.concurrent.LinkedBlockingQueue}: enqueuing threads append under the
 * {@link Dispatcher}'s put lock, workers take under its take lock, and only the count is
 * shared. Removing an item from the middle is O(1): it stays as a tombstone that
 * {@link #unlinkFirst()} skips, and tombstones are swept once they outnumber the live
 * items, so that cancelling n items costs O(n) in all.
 */
final class ReadyQueue {

	private final AtomicInteger count = new AtomicInteger();

	/**
	 * A sentinel before the first item: the last item taken. Guarded by the take lock.
	 */
	private WorkItem head;

	/**
	 * Guarded by the put lock.
	 */
	private WorkItem tail;

	/**
	 * Guarded by the take lock.
	 */
	private int tombstones;

	/**
	 * Nodes visited by takes and sweeps, for tests of the cost of cancelling; guarded by
	 * the take lock.
	 */
	private long visited;

	ReadyQueue(WorkItem sentinel) {
		this.head = sentinel;
		this.tail = sentinel;
	}

	/**
	 * Return how many live items wait.
	 */
	int size() {
		return this.count.get();
	}

	/**
	 * Append an item; under the put lock.
	 * @return the number of live items before this one
	 */
	int link(WorkItem item) {
		this.tail.next = item;
		this.tail = item;
		return this.count.getAndIncrement();
	}

	/**
	 * Take the oldest live item; under the take lock, and only while {@link #size()} is
	 * positive.
	 * @return the item
	 */
	WorkItem unlinkFirst() {
		while (true) {
			this.visited++;
			WorkItem first = this.head.next;
			// The sentinel is no longer needed: unlink it, so that it holds nothing
			this.head.next = null;
			this.head = first;
			if (!first.removed) {
				return first;
			}
			this.tombstones--;
		}
	}

	/**
	 * Decrement the count after {@link #unlinkFirst()}.
	 * @return the number of live items before
	 */
	int decrement() {
		return this.count.getAndDecrement();
	}

	/**
	 * Mark an item removed, in O(1); under the take lock, for an item in the queue.
	 * @return the number of live items before
	 */
	int remove(WorkItem item) {
		item.removed = true;
		this.tombstones++;
		return this.count.getAndDecrement();
	}

	/**
	 * Whether tombstones outnumber live items enough to sweep them; under the take lock.
	 */
	boolean needsSweep() {
		return this.tombstones > 64 && this.tombstones > this.count.get();
	}

	/**
	 * Unlink every tombstone; under both locks.
	 */
	void sweep() {
		WorkItem previous = this.head;
		WorkItem current = previous.next;
		while (current != null) {
			this.visited++;
			WorkItem next = current.next;
			if (current.removed) {
				previous.next = next;
				current.next = null;
				if (current == this.tail) {
					this.tail = previous;
				}
			}
			else {
				previous = current;
			}
			current = next;
		}
		this.tombstones = 0;
	}

	/**
	 * Visit the live items, oldest first; under both locks.
	 */
	void forEach(Consumer<WorkItem> action) {
		for (WorkItem item = this.head.next; item != null; item = item.next) {
			if (!item.removed) {
				action.accept(item);
			}
		}
	}

	/**
	 * Take every live item, oldest first, leaving the queue empty; under both locks.
	 */
	void drain(Consumer<WorkItem> action) {
		WorkItem item = this.head.next;
		this.head.next = null;
		this.head = this.tail;
		while (item != null) {
			WorkItem next = item.next;
			item.next = null;
			if (!item.removed) {
				this.count.getAndDecrement();
				action.accept(item);
			}
			item = next;
		}
		this.tombstones = 0;
	}

	long visited() {
		return this.visited;
	}

}
