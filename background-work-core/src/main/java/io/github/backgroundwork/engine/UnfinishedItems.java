package io.github.backgroundwork.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.WorkItemSnapshot;

/**
 * The items a shutdown ended before they finished, by how: never ran (queued or scheduled
 * at the deadline), stopped early when asked, or still running at the end of the grace.
 * Sets by identity: at most {@code concurrency} items ran.
 */
final class UnfinishedItems {

	private static final String STOPPED_EARLY = "stopped early at shutdown";

	private static final String STILL_RUNNING = "still running";

	/**
	 * What was paused when the shutdown began.
	 */
	final PausedWork paused;

	UnfinishedItems(PausedWork paused) {
		this.paused = paused;
	}

	final List<WorkItem> neverRan = new ArrayList<>();

	final Set<WorkItem> stoppedEarly = Collections.newSetFromMap(new IdentityHashMap<>());

	final Set<WorkItem> stillRunning = Collections.newSetFromMap(new IdentityHashMap<>());

	List<WorkItem> all() {
		List<WorkItem> all = new ArrayList<>(this.neverRan);
		List<WorkItem> ran = new ArrayList<>(this.stoppedEarly);
		ran.addAll(this.stillRunning);
		ran.sort(Comparator.comparingLong((WorkItem item) -> item.sequence));
		all.addAll(ran);
		return all;
	}

	int size() {
		return this.neverRan.size() + this.stoppedEarly.size() + this.stillRunning.size();
	}

	private String stage(WorkItemSnapshot snapshot, WorkItem item) {
		if (this.stoppedEarly.contains(item)) {
			return STOPPED_EARLY;
		}
		if (this.stillRunning.contains(item)) {
			return STILL_RUNNING;
		}
		Instant notBefore = snapshot.notBefore();
		Instant startedAt = snapshot.startedAt();
		if (notBefore != null && (startedAt == null || notBefore.isAfter(startedAt))
				&& (snapshot.finishedAt() == null || notBefore.isAfter(snapshot.finishedAt()))) {
			return "scheduled for " + notBefore;
		}
		if (startedAt != null) {
			return STILL_RUNNING;
		}
		// A paused name's items wait for an operator, not for the drain
		return this.paused.isPaused(snapshot.name()) ? "never started, its name paused" : "never started";
	}

	/**
	 * Describe items for the shutdown's log lines: name, id, and how each was left.
	 */
	String describe(List<WorkItemSnapshot> snapshots, List<WorkItem> items) {
		StringBuilder description = new StringBuilder();
		for (int i = 0; i < snapshots.size(); i++) {
			WorkItemSnapshot snapshot = snapshots.get(i);
			if (!description.isEmpty()) {
				description.append(", ");
			}
			description.append('\'')
				.append(snapshot.name())
				.append("' (")
				.append(snapshot.id())
				.append(", ")
				.append(stage(snapshot, items.get(i)))
				.append(')');
		}
		return description.toString();
	}

}
