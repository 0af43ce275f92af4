package io.github.backgroundwork.engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FinishedHistory}: forgetting an item keeps the others in order, wherever the
 * ring has wrapped, and leaves room for the next ones.
 */
class FinishedHistoryTests {

	@Test
	void forgettingAnItemKeepsTheOthersInOrderWhereverTheRingWrapped() {
		FinishedHistory history = new FinishedHistory(3);
		List<WorkItem> items = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			WorkItem item = new WorkItem(null, i, "item-" + i, "work");
			items.add(item);
			history.add(item);
		}
		assertThat(sequences(history)).containsExactly(5L, 4L, 3L);
		assertThat(history.remove(items.get(0))).as("no longer kept").isFalse();
		assertThat(history.remove(items.get(3))).isTrue();
		assertThat(sequences(history)).containsExactly(5L, 3L);
		history.add(new WorkItem(null, 6, "item-6", "work"));
		assertThat(sequences(history)).containsExactly(6L, 5L, 3L);
		history.add(new WorkItem(null, 7, "item-7", "work"));
		assertThat(sequences(history)).containsExactly(7L, 6L, 5L);
		assertThat(history.remove(items.get(4))).isTrue();
		assertThat(history.remove(items.get(4))).isFalse();
		assertThat(sequences(history)).containsExactly(7L, 6L);
	}

	@Test
	void anEmptyHistoryForgetsNothing() {
		FinishedHistory history = new FinishedHistory(0);
		WorkItem item = new WorkItem(null, 1, "item", "work");
		history.add(item);
		assertThat(history.remove(item)).isFalse();
		assertThat(sequences(history)).isEmpty();
	}

	private static List<Long> sequences(FinishedHistory history) {
		List<Long> sequences = new ArrayList<>();
		history.forEach((item) -> sequences.add(item.sequence));
		return sequences;
	}

}
