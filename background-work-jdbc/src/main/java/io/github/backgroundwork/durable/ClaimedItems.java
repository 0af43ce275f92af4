package io.github.backgroundwork.durable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.ClaimedWork;
import org.jspecify.annotations.Nullable;

/**
 * The rows a queue holds: from the moment a claim returns them until their outcome is
 * written ({@link OutcomeBacklog}), whether the engine runs them, they ended, or they
 * never reached the engine. Every row held is renewed ({@link LeaseKeeper}); a row whose
 * lease was lost (another instance took it over) stays known, so that its end is not
 * written, but is no longer renewed.
 */
final class ClaimedItems {

	private final Map<String, ClaimedItem> byId = new ConcurrentHashMap<>();

	private final Set<String> lost = ConcurrentHashMap.newKeySet();

	private final Queue<ClaimedItem> ended = new ConcurrentLinkedQueue<>();

	private final AtomicLong ends = new AtomicLong();

	/**
	 * Hold a row that has not reached the engine yet, or never will.
	 */
	void hold(ClaimedWork row) {
		this.byId.put(row.id(), new ClaimedItem(row, null));
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
			this.ends.incrementAndGet();
			onEnd.run();
		});
	}

	/**
	 * Return the engine's item of a row held here.
	 */
	@Nullable WorkHandle handle(String id) {
		ClaimedItem item = this.byId.get(id);
		return (item != null) ? item.handle() : null;
	}

	/**
	 * Return a row held here, by id.
	 */
	@Nullable ClaimedItem get(String id) {
		return this.byId.get(id);
	}

	/**
	 * Return the ids of every row held here, lost leases included.
	 */
	Set<String> allIds() {
		return new HashSet<>(this.byId.keySet());
	}

	/**
	 * Return the ids of the rows to renew: those held whose lease was not lost.
	 */
	Set<String> leasedIds() {
		Set<String> ids = allIds();
		ids.removeAll(this.lost);
		return ids;
	}

	/**
	 * Note that another instance took a row over; returns whether that is news.
	 */
	boolean markLost(String id) {
		return this.byId.containsKey(id) && this.lost.add(id);
	}

	boolean isLost(String id) {
		return this.lost.contains(id);
	}

	/**
	 * Stop holding a row: its outcome is written, or it is no longer ours.
	 */
	void remove(String id) {
		this.byId.remove(id);
		this.lost.remove(id);
	}

	/**
	 * Count, per name, the rows held here whose item has not ended: those that count
	 * against a name's {@code concurrency} limit.
	 */
	Map<String, Integer> liveByName() {
		Map<String, Integer> live = new HashMap<>();
		for (ClaimedItem item : this.byId.values()) {
			WorkHandle handle = item.handle();
			if (handle == null || !handle.state().isTerminal()) {
				live.merge(item.row().name(), 1, Integer::sum);
			}
		}
		return live;
	}

	/**
	 * Forget every row: a stopped queue whose store stayed away gives them up.
	 */
	void clear() {
		this.byId.clear();
		this.lost.clear();
		this.ended.clear();
	}

	boolean isEmpty() {
		return this.byId.isEmpty();
	}

	boolean hasEnded() {
		return !this.ended.isEmpty();
	}

	/**
	 * Return how many items ended here so far: the difference between two readings is how
	 * many places freed up in between.
	 */
	long ends() {
		return this.ends.get();
	}

	/**
	 * Take the items that ended since the last call; they stay held.
	 */
	List<ClaimedItem> takeEnded() {
		List<ClaimedItem> taken = new ArrayList<>();
		ClaimedItem item;
		while ((item = this.ended.poll()) != null) {
			taken.add(item);
		}
		return taken;
	}

	/**
	 * Take back from the engine the items that have not started; they end as handed back
	 * and their outcome is written with the others.
	 * @return the items taken back, described by name and id
	 */
	List<String> withdrawUnstarted(WorkEngine engine) {
		List<String> withdrawn = new ArrayList<>();
		for (ClaimedItem item : this.byId.values()) {
			WorkHandle handle = item.handle();
			if (handle != null && engine.withdraw(handle)) {
				withdrawn.add("'" + item.row().name() + "' (" + item.row().id() + ")");
			}
		}
		return withdrawn;
	}

	/**
	 * A row this instance claimed, and the engine's item that runs it, if it got one.
	 */
	record ClaimedItem(ClaimedWork row, @Nullable WorkHandle handle) {

	}

}
