package io.github.backgroundwork.engine;

import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkState;

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
		return new WorkItemSnapshot(item.id(), item.name(), publicState, dispatcher.wallClock(item.enqueuedNanos()),
				started ? dispatcher.wallClock(item.startedNanos()) : null,
				finished ? dispatcher.wallClock(item.finishedNanos()) : null, started ? item.runTime() : null,
				(extras != null) ? extras.progress : null, (failure != null) ? WorkError.of(failure) : null,
				publicState == WorkState.ABANDONED, item.attempts(started),
				(typed != null) ? typed.request.key() : null,
				(typed != null && typed.dueNanos != 0) ? dispatcher.wallClock(typed.dueNanos) : null,
				(typed != null) ? typed.request : null, (typed != null) ? typed.retriedAt : null);
	}

}
