package io.github.backgroundwork.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

/**
 * Takes the {@link WorkItemSnapshot} of an item: its state read once, and the times,
 * progress and failure that this state has made visible.
 */
final class ItemSnapshots {

	private ItemSnapshots() {
	}

	static WorkItemSnapshot of(WorkItem item) {
		int state = item.internalState();
		WorkState publicState = WorkItem.stateOf(state);
		boolean started = state >= WorkItem.RUNNING && item.startedNanos() != 0;
		boolean finished = state >= WorkItem.TERMINAL;
		ItemExtras extras = item.extrasIfAny();
		Throwable failure = (extras != null && publicState == WorkState.FAILED) ? extras.failure : null;
		TypedWork typed = item.typed();
		Dispatcher dispatcher = item.dispatcher;
		Instant startedAt = started ? dispatcher.wallClock(item.startedNanos()) : null;
		Instant finishedAt = finished ? dispatcher.wallClock(item.finishedNanos()) : null;
		Duration duration = started ? item.runTime() : null;
		WorkError error = (failure != null) ? WorkError.of(failure, dispatcher.registry.settings.maxStackTrace())
				: null;
		int attempts = item.attempts(started);
		return new WorkItemSnapshot(item.id(), item.name(), publicState, dispatcher.wallClock(item.enqueuedNanos()),
				startedAt, finishedAt, duration, (extras != null) ? extras.progress : null, error,
				publicState == WorkState.ABANDONED, attempts, (typed != null) ? typed.request.key() : null,
				(typed != null && typed.dueNanos != 0) ? dispatcher.wallClock(typed.dueNanos) : null,
				(typed != null) ? typed.request : null, (typed != null) ? typed.retriedAt : null,
				history(typed, (startedAt != null) ? new WorkAttempt(Math.max(attempts, 1), startedAt, finishedAt,
						duration, null, publicState, error) : null));
	}

	/**
	 * The attempts retried in memory, then the latest one if the item started; a stored
	 * item's earlier attempts are in its row, not here.
	 */
	private static List<WorkAttempt> history(@Nullable TypedWork typed, @Nullable WorkAttempt latest) {
		List<WorkAttempt> earlier = (typed != null) ? typed.earlierAttempts : List.of();
		if (latest == null) {
			return earlier;
		}
		List<WorkAttempt> history = new ArrayList<>(earlier.size() + 1);
		history.addAll(earlier);
		history.add(latest);
		return history;
	}

}
