package io.github.backgroundwork.engine;

import java.util.function.Consumer;

/**
 * The most recently finished items, for inspection: a ring that keeps the last
 * {@code size}. Not thread-safe: the {@link Dispatcher} guards it with its lock.
 */
final class FinishedHistory {

	private final WorkItem[] ring;

	private long added;

	FinishedHistory(int size) {
		this.ring = new WorkItem[size];
	}

	void add(WorkItem item) {
		if (this.ring.length > 0) {
			this.ring[(int) (this.added++ % this.ring.length)] = item;
		}
	}

	/**
	 * Visit the kept items, most recently finished first.
	 */
	void forEach(Consumer<WorkItem> action) {
		int kept = (int) Math.min(this.added, this.ring.length);
		for (int i = 1; i <= kept; i++) {
			action.accept(this.ring[(int) ((this.added - i) % this.ring.length)]);
		}
	}

}
