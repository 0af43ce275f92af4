package io.github.backgroundwork.engine;

import java.util.function.Consumer;

/**
 * The most recently finished items, for inspection: a ring that keeps the last
 * {@code size}. Not thread-safe: the {@link Dispatcher} guards it with its lock.
 */
final class FinishedHistory {

	private final WorkItem[] ring;

	private int next;

	private int kept;

	FinishedHistory(int size) {
		this.ring = new WorkItem[size];
	}

	void add(WorkItem item) {
		if (this.ring.length > 0) {
			this.ring[this.next] = item;
			this.next = (this.next + 1 == this.ring.length) ? 0 : this.next + 1;
			this.kept = Math.min(this.kept + 1, this.ring.length);
		}
	}

	/**
	 * Forget an item at once, as an operator asks: the items kept after it move up.
	 * @return whether it was kept
	 */
	boolean remove(WorkItem item) {
		for (int i = 1; i <= this.kept; i++) {
			int at = Math.floorMod(this.next - i, this.ring.length);
			if (this.ring[at] == item) {
				// Close the gap with the older items, then free the oldest place
				for (int j = i; j < this.kept; j++) {
					int to = Math.floorMod(this.next - j, this.ring.length);
					this.ring[to] = this.ring[Math.floorMod(to - 1, this.ring.length)];
				}
				this.ring[Math.floorMod(this.next - this.kept, this.ring.length)] = null;
				this.kept--;
				return true;
			}
		}
		return false;
	}

	/**
	 * Visit the kept items, most recently finished first.
	 */
	void forEach(Consumer<WorkItem> action) {
		for (int i = 1; i <= this.kept; i++) {
			action.accept(this.ring[Math.floorMod(this.next - i, this.ring.length)]);
		}
	}

}
