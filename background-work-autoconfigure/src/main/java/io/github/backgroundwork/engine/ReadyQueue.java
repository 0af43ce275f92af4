package io.github.backgroundwork.engine;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The items waiting for a worker, first in first out, in a ring that grows as needed.
 * Removing an item from the middle is O(1): it stays as a tombstone that {@link #poll()}
 * skips, and the ring is compacted when tombstones fill half of it. Not thread-safe: the
 * {@link Dispatcher} guards it with its lock.
 */
final class ReadyQueue {

	private WorkItem[] ring;

	private int head;

	/**
	 * Physical count: live items and tombstones.
	 */
	private int count;

	private int tombstones;

	ReadyQueue(int initialCapacity) {
		this.ring = new WorkItem[Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1)];
	}

	/**
	 * Return how many live items wait.
	 * @return the number of items, tombstones excluded
	 */
	int size() {
		return this.count - this.tombstones;
	}

	void add(WorkItem item) {
		if (this.count == this.ring.length) {
			if (this.tombstones >= this.count / 2) {
				compact();
			}
			else {
				grow();
			}
		}
		this.ring[(this.head + this.count) & (this.ring.length - 1)] = item;
		this.count++;
	}

	/**
	 * Take the oldest live item.
	 * @return the item, or {@code null} if none waits
	 */
	@Nullable WorkItem poll() {
		while (this.count > 0) {
			WorkItem item = this.ring[this.head];
			this.ring[this.head] = null;
			this.head = (this.head + 1) & (this.ring.length - 1);
			this.count--;
			if (!item.removed) {
				return item;
			}
			this.tombstones--;
		}
		return null;
	}

	/**
	 * Mark an item removed, in O(1); it must be in the queue.
	 */
	void remove(WorkItem item) {
		item.removed = true;
		this.tombstones++;
	}

	/**
	 * Visit the live items, oldest first.
	 */
	void forEach(Consumer<WorkItem> action) {
		for (int i = 0; i < this.count; i++) {
			WorkItem item = this.ring[(this.head + i) & (this.ring.length - 1)];
			if (!item.removed) {
				action.accept(item);
			}
		}
	}

	/**
	 * Take every live item, oldest first, leaving the queue empty.
	 */
	void drain(Consumer<WorkItem> action) {
		WorkItem item;
		while ((item = poll()) != null) {
			action.accept(item);
		}
	}

	private void compact() {
		WorkItem[] compacted = new WorkItem[this.ring.length];
		int live = 0;
		for (int i = 0; i < this.count; i++) {
			WorkItem item = this.ring[(this.head + i) & (this.ring.length - 1)];
			if (!item.removed) {
				compacted[live++] = item;
			}
		}
		this.ring = compacted;
		this.head = 0;
		this.count = live;
		this.tombstones = 0;
	}

	private void grow() {
		WorkItem[] grown = new WorkItem[this.ring.length * 2];
		for (int i = 0; i < this.count; i++) {
			grown[i] = this.ring[(this.head + i) & (this.ring.length - 1)];
		}
		this.ring = grown;
		this.head = 0;
	}

}
