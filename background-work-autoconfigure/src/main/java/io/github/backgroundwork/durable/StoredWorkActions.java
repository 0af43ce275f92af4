package io.github.backgroundwork.durable;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.engine.DurableWork.BulkAction;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.StoredState;
import io.github.backgroundwork.jdbc.StoredWork;
import io.github.backgroundwork.jdbc.StoredWorkFilter;

/**
 * What an operator does to stored items, whichever instance runs or ran them: one by id,
 * or every row of the queue that a filter matches, read and changed {@value #BATCH_SIZE}
 * rows at a time, in id order, so that no statement is large and each row is acted on
 * once however many match. Rows running on another instance are cancelled through their
 * row, as {@link StoredWorkCanceller} does.
 */
final class StoredWorkActions {

	/**
	 * How many rows one batch reads and changes.
	 */
	static final int BATCH_SIZE = 500;

	private static final Set<StoredState> RETRYABLE = EnumSet.of(StoredState.FAILED, StoredState.CANCELLED);

	private static final Set<StoredState> LIVE = EnumSet.of(StoredState.QUEUED, StoredState.SCHEDULED,
			StoredState.RUNNING);

	private static final Set<StoredState> ENDED = EnumSet.of(StoredState.SUCCEEDED, StoredState.FAILED,
			StoredState.CANCELLED);

	private final JdbcWorkStore store;

	private final StoredWorkCanceller canceller;

	private final String queue;

	private final Runnable wake;

	/**
	 * Create the actions of one queue.
	 * @param wake wakes this instance's claimer, so that a retried row runs at once where
	 * the database has no notifications
	 */
	StoredWorkActions(JdbcWorkStore store, StoredWorkCanceller canceller, String queue, Runnable wake) {
		this.store = store;
		this.canceller = canceller;
		this.queue = queue;
		this.wake = wake;
	}

	ActionResult retry(String id) {
		if (this.store.retryEnded(List.of(id)) == 1) {
			this.wake.run();
			return ActionResult.APPLIED;
		}
		Optional<StoredWork> row = this.store.reader().findById(id);
		if (row.isEmpty()) {
			return ActionResult.NOT_FOUND;
		}
		// Ended but not queued again: it succeeded, or a live item holds its key
		return (row.get().state() == StoredState.SUCCEEDED) ? ActionResult.NOT_RERUNNABLE : ActionResult.LIVE;
	}

	ActionResult delete(String id) {
		if (this.store.deleteEnded(List.of(id)) == 1) {
			return ActionResult.APPLIED;
		}
		return this.store.reader().findById(id).isPresent() ? ActionResult.LIVE : ActionResult.NOT_FOUND;
	}

	BulkResult applyAll(BulkAction action, WorkFilter filter) {
		Set<StoredState> states = EnumSet.copyOf(switch (action) {
			case RETRY -> RETRYABLE;
			case CANCEL -> LIVE;
			case DELETE -> ENDED;
		});
		if (filter.state() != null) {
			// No row is ABANDONED: a stored item a shutdown left goes back to waiting
			StoredState asked = (filter.state() != WorkState.ABANDONED) ? StoredState.valueOf(filter.state().name())
					: null;
			states.retainAll((asked != null) ? Set.of(asked) : Set.of());
			if (states.isEmpty()) {
				return new BulkResult(0, 0);
			}
		}
		StoredWorkFilter rows = new StoredWorkFilter(this.queue, states, filter.name(), filter.keyPrefix(),
				filter.olderThan());
		long matched = 0;
		long changed = 0;
		String after = null;
		List<StoredWork> batch;
		do {
			batch = this.store.findMatching(rows, after, BATCH_SIZE);
			if (batch.isEmpty()) {
				break;
			}
			matched += batch.size();
			List<String> ids = batch.stream().map(StoredWork::id).toList();
			changed += switch (action) {
				case RETRY -> this.store.retryEnded(ids);
				case DELETE -> this.store.deleteEnded(ids);
				case CANCEL -> cancel(ids);
			};
			after = ids.get(ids.size() - 1);
		}
		while (batch.size() == BATCH_SIZE);
		if (action == BulkAction.RETRY && changed > 0) {
			this.wake.run();
		}
		return new BulkResult(matched, changed);
	}

	/**
	 * Cancel the waiting rows in one statement, then each of the others wherever it runs.
	 */
	private long cancel(List<String> ids) {
		Set<String> cancelled = this.store.cancelAllWaiting(ids);
		long changed = cancelled.size();
		for (String id : ids) {
			if (!cancelled.contains(id) && this.canceller.cancel(id)) {
				changed++;
			}
		}
		return changed;
	}

}
