package io.github.backgroundwork.durable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.ClaimedWork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The rows a queue claimed and has not finished with: by id while the engine holds them,
 * then in the order they ended until their outcome is written ({@link OutcomeWriter}).
 */
final class ClaimedItems {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private final Map<String, ClaimedItem> byId = new ConcurrentHashMap<>();

	private final Queue<ClaimedItem> ended = new ConcurrentLinkedQueue<>();

	private final OutcomeWriter outcomes;

	private final String owner;

	private final StoredCompletions completions;

	ClaimedItems(OutcomeWriter outcomes, String owner, StoredCompletions completions) {
		this.outcomes = outcomes;
		this.owner = owner;
		this.completions = completions;
	}

	/**
	 * Track a row the engine took, until it ends.
	 * @param onEnd what to call when it ends, on the thread that ends it
	 */
	void add(ClaimedWork row, WorkHandle handle, Runnable onEnd) {
		ClaimedItem item = new ClaimedItem(row, handle);
		this.byId.put(row.id(), item);
		handle.completion().whenComplete((result, failure) -> {
			this.ended.add(item);
			onEnd.run();
		});
	}

	/**
	 * Return the engine's item of a row claimed and not finished.
	 */
	@Nullable WorkHandle handle(String id) {
		ClaimedItem item = this.byId.get(id);
		return (item != null) ? item.handle() : null;
	}

	/**
	 * Return the items claimed and not finished, by id; a live view.
	 */
	Map<String, ClaimedItem> byId() {
		return this.byId;
	}

	boolean hasEnded() {
		return !this.ended.isEmpty();
	}

	/**
	 * Write how the items that ended since the last call ended, but for successes.
	 * @return the ids of the items that succeeded, for the claimer to record
	 */
	List<String> writeEnded() {
		List<ClaimedItem> batch = new ArrayList<>();
		ClaimedItem item;
		while ((item = this.ended.poll()) != null) {
			batch.add(item);
			this.byId.remove(item.row().id());
			this.completions.endedHere(item.row().id());
		}
		if (batch.isEmpty()) {
			return List.of();
		}
		try {
			return this.outcomes.write(batch);
		}
		catch (RuntimeException ex) {
			// The leases expire and the rescuer runs them again: at least once
			logger.warn("Background work claimer of " + this.owner + " could not write the outcome of " + batch.size()
					+ " item(s); they run again after their lease", ex);
			return List.of();
		}
	}

	/**
	 * Take back from the engine the items that have not started; their outcome (handed
	 * back) is written with the others.
	 * @return the items taken back, described by name and id
	 */
	List<String> withdrawUnstarted(WorkEngine engine) {
		List<String> withdrawn = new ArrayList<>();
		for (ClaimedItem item : this.byId.values()) {
			if (engine.withdraw(item.handle())) {
				withdrawn.add("'" + item.row().name() + "' (" + item.row().id() + ")");
			}
		}
		return withdrawn;
	}

	/**
	 * A row this instance claimed and the engine's item that runs it.
	 */
	record ClaimedItem(ClaimedWork row, WorkHandle handle) {

	}

}
