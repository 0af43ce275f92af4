package io.github.backgroundwork.durable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.durable.ClaimedItems.ClaimedItem;
import io.github.backgroundwork.durable.OutcomeWriter.Outcome;
import io.github.backgroundwork.engine.WorkEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The outcomes of a claimer's rows that are not written yet, kept (and their rows held
 * and renewed) until a write succeeds or the row turns out to be no longer ours: a lost
 * connection delays an outcome, it never loses it, so a finished item does not run again
 * after its lease. Items abandoned at the shutdown deadline whose code still runs keep
 * their row until it returns. Used by the claimer's thread only.
 */
final class OutcomeBacklog {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private final Map<String, Outcome> pending = new ConcurrentHashMap<>();

	private final Map<String, ClaimedItem> executing = new ConcurrentHashMap<>();

	private final ClaimedItems claimed;

	private final OutcomeWriter writer;

	private final WorkEngine engine;

	private final StoredCompletions completions;

	OutcomeBacklog(ClaimedItems claimed, OutcomeWriter writer, WorkEngine engine, StoredCompletions completions) {
		this.claimed = claimed;
		this.writer = writer;
		this.engine = engine;
		this.completions = completions;
	}

	/**
	 * Add the outcome of a row held here.
	 */
	void add(Outcome outcome) {
		this.pending.put(outcome.row().id(), outcome);
	}

	/**
	 * Turn the items that ended, and the abandoned items whose code returned, into
	 * outcomes to write.
	 */
	void collect() {
		for (ClaimedItem item : this.claimed.takeEnded()) {
			WorkHandle handle = item.handle();
			String id = item.row().id();
			if (handle == null || this.claimed.isLost(id)) {
				// Taken over by another instance, as the renewal that found it said
				this.claimed.remove(id);
			}
			else if (handle.state() == WorkState.ABANDONED && stillExecuting(handle)) {
				this.executing.put(id, item);
				logger.warn("Background work '" + item.row().name() + "' (" + id + ") was abandoned at the shutdown "
						+ "deadline but its code still runs: its claim is kept and renewed until it returns, then "
						+ "handed back (if this JVM exits first, another instance takes it over after the lease)");
			}
			else {
				add(Outcome.of(item.row(), handle, this.engine));
			}
		}
		for (ClaimedItem item : List.copyOf(this.executing.values())) {
			WorkHandle handle = item.handle();
			if (handle == null || !stillExecuting(handle)) {
				this.executing.remove(item.row().id());
				add(Outcome.handBack(item.row()));
			}
		}
	}

	private boolean stillExecuting(WorkHandle handle) {
		return this.engine.isExecuting(handle);
	}

	/**
	 * Return the ids of successes to record, at most {@code max}.
	 */
	List<String> successes(int max) {
		List<String> ids = new ArrayList<>();
		for (Outcome outcome : this.pending.values()) {
			if (ids.size() == max) {
				break;
			}
			if (outcome.state() == WorkState.SUCCEEDED) {
				ids.add(outcome.row().id());
			}
		}
		return ids;
	}

	boolean hasSuccesses() {
		return this.pending.values().stream().anyMatch((outcome) -> outcome.state() == WorkState.SUCCEEDED);
	}

	/**
	 * Note that successes were recorded, in the round trip of a claim.
	 */
	void recorded(Collection<String> ids) {
		ids.forEach(this::written);
	}

	/**
	 * Write every pending outcome but successes, which ride on the next claim: hand-backs
	 * in one statement, the others one by one. Stops at the first write that throws; what
	 * is not written stays.
	 * @throws RuntimeException if a write failed
	 */
	void writeOthers() {
		List<Outcome> handBacks = new ArrayList<>();
		for (Outcome outcome : List.copyOf(this.pending.values())) {
			if (outcome.isPlainHandBack()) {
				handBacks.add(outcome);
			}
			else if (outcome.state() != WorkState.SUCCEEDED) {
				written(outcome, this.writer.write(outcome));
			}
		}
		if (!handBacks.isEmpty()) {
			Set<String> released = this.writer
				.release(handBacks.stream().map((outcome) -> outcome.row().id()).toList());
			handBacks.forEach((outcome) -> written(outcome, released.contains(outcome.row().id())));
		}
	}

	/**
	 * Write the pending successes on their own, when no claim is coming.
	 * @throws RuntimeException if a write failed
	 */
	void writeSuccesses() {
		List<Outcome> successes = this.pending.values()
			.stream()
			.filter((outcome) -> outcome.state() == WorkState.SUCCEEDED)
			.toList();
		if (!successes.isEmpty()) {
			Set<String> completed = this.writer
				.complete(successes.stream().map((outcome) -> outcome.row().id()).toList());
			successes.forEach((outcome) -> written(outcome, completed.contains(outcome.row().id())));
		}
	}

	/**
	 * Forget a row another instance took over: its outcome is not ours to write.
	 * @return whether an outcome was waiting
	 */
	boolean forget(String id) {
		boolean waiting = this.pending.remove(id) != null || this.executing.remove(id) != null;
		if (waiting) {
			this.claimed.remove(id);
		}
		return waiting;
	}

	/**
	 * Whether outcomes wait to be written; items still executing do not count.
	 */
	boolean hasPending() {
		return !this.pending.isEmpty();
	}

	int size() {
		return this.pending.size();
	}

	/**
	 * Give up every row and outcome, when the store has been away for longer than a lease
	 * after the queue stopped: the rows are taken over by then, as after a crash.
	 * @param owner the claimer's owner id, for the log
	 * @return {@code true}
	 */
	boolean giveUp(String owner) {
		logger.warn("Background work claimer " + owner + " stopped and could not reach its store for longer than "
				+ "the lease: giving up the outcome of " + (this.pending.size() + this.executing.size())
				+ " item(s), which run again");
		this.pending.clear();
		this.executing.clear();
		this.claimed.clear();
		return true;
	}

	private void written(Outcome outcome, boolean held) {
		if (!held) {
			logger.warn("Background work '" + outcome.row().name() + "' (" + outcome.row().id() + ") was no longer "
					+ "held by this instance when its outcome (" + outcome.describe() + ") was written: its lease "
					+ "expired and another instance took it over");
		}
		written(outcome.row().id());
	}

	private void written(String id) {
		this.pending.remove(id);
		this.claimed.remove(id);
		this.completions.endedHere(id);
	}

}
