package io.github.backgroundwork.demo.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.backgroundwork.jdbc.StoredState;
import io.github.backgroundwork.jdbc.StoredWork;
import io.github.backgroundwork.jdbc.StoredWorkReader;

/**
 * The durable store's part of {@code GET /work}: stored items are read from the database,
 * for every instance, since the queue's own pages list only the items it keeps in memory.
 *
 * @param counts how many rows are in each state, up to {@value #MAX_COUNT} per state
 * @param items the {@value WorkController#SHOWN} most recently enqueued rows, newest
 * first, with the instance that claimed each last ({@code owner})
 * @since 0.1.0
 */
public record DurableOverview(Map<StoredState, Long> counts, List<StoredWork> items) {

	/**
	 * The most rows a state's count goes up to.
	 */
	static final int MAX_COUNT = 10_000;

	static DurableOverview read(StoredWorkReader reader, int shown) {
		Map<StoredState, Long> counts = new EnumMap<>(StoredState.class);
		for (StoredState state : StoredState.values()) {
			counts.put(state, reader.countUpTo(state, null, MAX_COUNT));
		}
		return new DurableOverview(counts, reader.page(null, null, 0, shown));
	}

}
