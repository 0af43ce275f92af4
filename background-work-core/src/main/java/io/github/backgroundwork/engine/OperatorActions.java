package io.github.backgroundwork.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkRejectedException.Reason;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import org.jspecify.annotations.Nullable;

/**
 * What an operator does to the items kept in memory: run an ended typed item again under
 * its id, forget an ended item, and the same (and cancel) for every item a filter
 * matches. Items that run rows of a durable store are left to the store, which acts on
 * them for the whole cluster.
 */
final class OperatorActions {

	/**
	 * The states an item can be retried from: it ended without succeeding.
	 */
	static final Set<WorkState> RETRYABLE = EnumSet.of(WorkState.FAILED, WorkState.CANCELLED, WorkState.ABANDONED);

	private final ItemRegistry registry;

	private final Dispatcher dispatcher;

	private final Admission admission;

	private final ItemRunner runner;

	OperatorActions(ItemRegistry registry, Dispatcher dispatcher, Admission admission, ItemRunner runner) {
		this.registry = registry;
		this.dispatcher = dispatcher;
		this.admission = admission;
		this.runner = runner;
	}

	/**
	 * Run an ended typed item again: a new item under the same id (its sequence), with
	 * its request, a fresh retry budget and the time of the retry, queued at once,
	 * whatever delay the request had; the ended item leaves the history as the new one is
	 * queued, under the same locks, so that exactly one of them is found by its id.
	 * Subject to the capacity, as an enqueue is.
	 * @throws io.github.backgroundwork.WorkRejectedException if the queue is full or
	 * shutting down
	 */
	ActionResult retry(String id) {
		WorkItem ended = find(id);
		if (ended == null) {
			return ActionResult.NOT_FOUND;
		}
		if (!ended.isTerminal()) {
			return ActionResult.LIVE;
		}
		TypedWork typed = ended.typed();
		if (typed == null || !RETRYABLE.contains(ended.state())) {
			return ActionResult.NOT_RERUNNABLE;
		}
		WorkRequest request = typed.request;
		WorkHandlerMethod handler = this.registry.settings.handlers().handlerFor(request);
		TypedWork fresh = new TypedWork(request, handler,
				this.registry.settings.retryPolicy().maxRetriesFor(request, handler));
		fresh.retriedAt = Instant.now();
		fresh.earlierAttempts = endedRun(ended);
		WorkItem item = new WorkItem(this.dispatcher, ended.sequence, ended.name(), fresh);
		// Decorators run outside the locks, as for an enqueue
		this.runner.decorate(item);
		boolean wake;
		this.registry.putLock.lock();
		try {
			Reason refusal = this.admission.admit(1);
			if (refusal != null) {
				this.registry.counts.rejected();
				throw this.admission.refuse(item, refusal);
			}
			// Another item of the same key lives: running this one too would break the
			// key's promise
			if (fresh.liveKey != null && this.registry.liveKeys.containsKey(fresh.liveKey)) {
				return ActionResult.LIVE;
			}
			if (!forget(ended)) {
				// Deleted or retried by someone else meanwhile
				return ActionResult.NOT_FOUND;
			}
			if (fresh.liveKey != null) {
				this.registry.liveKeys.put(fresh.liveKey, item);
			}
			this.registry.counts.accepted();
			wake = this.registry.ready.link(item) == 0;
			this.admission.signalNextCaller();
		}
		finally {
			this.registry.putLock.unlock();
		}
		if (wake) {
			this.registry.signalWorkAvailable();
		}
		return ActionResult.APPLIED;
	}

	/**
	 * Every attempt of an ended item, its last one included, the most recent
	 * {@link TypedWork#MAX_EARLIER_ATTEMPTS} of them: the item run again keeps them as
	 * its earlier attempts, and numbers its own from 1 again. Only the latest failure
	 * keeps its stack trace, as for a retry of the engine's own.
	 */
	private static List<WorkAttempt> endedRun(WorkItem ended) {
		List<WorkAttempt> history = ended.snapshot().history();
		int size = history.size();
		List<WorkAttempt> kept = new ArrayList<>();
		for (WorkAttempt attempt : history.subList(Math.max(0, size - TypedWork.MAX_EARLIER_ATTEMPTS), size)) {
			WorkError error = attempt.error();
			kept.add((error == null || error.stackTrace() == null) ? attempt
					: new WorkAttempt(attempt.attempt(), attempt.startedAt(), attempt.finishedAt(), attempt.duration(),
							attempt.owner(), attempt.outcome(), new WorkError(error.type(), error.message())));
		}
		return List.copyOf(kept);
	}

	/**
	 * Forget an ended item at once; its outcome stays counted in the totals.
	 */
	ActionResult delete(String id) {
		WorkItem item = find(id);
		if (item == null) {
			return ActionResult.NOT_FOUND;
		}
		if (!item.isTerminal()) {
			return ActionResult.LIVE;
		}
		this.registry.takeLock.lock();
		try {
			return this.registry.running.forgetFinished(item) ? ActionResult.APPLIED : ActionResult.NOT_FOUND;
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	BulkResult retryAll(WorkFilter filter) {
		return apply(filter, RETRYABLE, (item) -> retry(item.id()) == ActionResult.APPLIED);
	}

	BulkResult cancelAll(WorkFilter filter) {
		return apply(filter, EnumSet.of(WorkState.QUEUED, WorkState.SCHEDULED, WorkState.RUNNING), WorkItem::cancel);
	}

	BulkResult deleteAll(WorkFilter filter) {
		return apply(filter,
				EnumSet.of(WorkState.SUCCEEDED, WorkState.FAILED, WorkState.CANCELLED, WorkState.ABANDONED),
				(item) -> delete(item.id()) == ActionResult.APPLIED);
	}

	/**
	 * Match under the locks, then act on each match outside them: an item may have
	 * changed in between, and then it counts as matched but not changed.
	 * @param filter what the operator asked for
	 * @param scope the states the action applies to
	 */
	private BulkResult apply(WorkFilter filter, Set<WorkState> scope, Predicate<WorkItem> action) {
		List<WorkItem> matched = new ArrayList<>();
		this.registry.fullyLock();
		try {
			visit((item) -> {
				if (!item.isStored() && scope.contains(item.state()) && filter.matches(item.snapshot())) {
					matched.add(item);
				}
			});
		}
		finally {
			this.registry.fullyUnlock();
		}
		long changed = 0;
		for (WorkItem item : matched) {
			if (action.test(item)) {
				changed++;
			}
		}
		return new BulkResult(matched.size(), changed);
	}

	/**
	 * Find an item kept in memory (not one of a durable store's rows) by its id.
	 */
	private @Nullable WorkItem find(String id) {
		long sequence = this.registry.ids.parse(id);
		if (sequence < 0) {
			return null;
		}
		WorkItem[] found = new WorkItem[1];
		this.registry.fullyLock();
		try {
			visit((item) -> {
				if (item.sequence == sequence && !item.isStored() && found[0] == null) {
					found[0] = item;
				}
			});
		}
		finally {
			this.registry.fullyUnlock();
		}
		return found[0];
	}

	/**
	 * Visit every item, live ones first; under both locks.
	 */
	private void visit(Consumer<WorkItem> visitor) {
		this.registry.running.list().forEach(visitor);
		this.registry.limits.forEach(visitor);
		this.registry.ready.forEach(visitor);
		this.registry.scheduled.forEach(visitor);
		this.registry.running.forEachFinished(visitor);
	}

	/**
	 * Take an ended item out of the history; under the put lock.
	 */
	private boolean forget(WorkItem ended) {
		this.registry.takeLock.lock();
		try {
			return this.registry.running.forgetFinished(ended);
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

}
