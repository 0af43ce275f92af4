package io.github.backgroundwork.engine;

import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import org.jspecify.annotations.Nullable;

/**
 * Accepts items a durable store has already stored and claimed for this queue: they go
 * straight to the ready queue, past the capacity and the keys (the store enforced those),
 * with the row's id as the item's id and no retries in memory (the store retries them).
 */
final class ClaimedAdmission {

	private final ItemRegistry registry;

	private final Dispatcher dispatcher;

	private final ItemRunner runner;

	ClaimedAdmission(ItemRegistry registry, Dispatcher dispatcher, ItemRunner runner) {
		this.registry = registry;
		this.dispatcher = dispatcher;
		this.runner = runner;
	}

	@Nullable WorkHandle submit(String id, WorkRequest request, int attempt, int maxRetries) {
		WorkHandlerMethod handler = this.registry.settings.handlers().handlerFor(request);
		WorkItem item = new WorkItem(this.dispatcher, this.registry.sequence.incrementAndGet(), request.name(),
				new TypedWork(request, handler, id, attempt - 1, maxRetries));
		this.runner.decorate(item);
		boolean wake;
		this.registry.putLock.lock();
		try {
			if (this.registry.state != QueueState.RUNNING) {
				return null;
			}
			this.registry.counts.accepted();
			wake = this.registry.ready.link(item) == 0;
		}
		finally {
			this.registry.putLock.unlock();
		}
		if (wake) {
			this.registry.signalFirstItem();
		}
		return item;
	}

	/**
	 * Return how many more items could start at once now, or wait for one of
	 * {@code ahead} places more: the free places (plus {@code ahead}) less the items that
	 * already wait for one.
	 */
	int freePlaces(int ahead) {
		this.registry.takeLock.lock();
		try {
			// Items held back by their name's limit wait for a place too: a claimer that
			// did not count them would take rows it cannot run yet; paused ones wait for
			// an operator, not for a place
			int parked = this.registry.held.get() - this.registry.scheduled.size() - this.registry.limits.pausedCount();
			return Math.max(0, this.registry.settings.concurrency() + ahead - this.registry.running.size()
					- this.registry.ready.size() - parked);
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	boolean withdraw(WorkHandle handle) {
		return handle instanceof WorkItem item && item.dispatcher == this.dispatcher && item.isStored()
				&& this.dispatcher.endQueued(item, WorkState.ABANDONED);
	}

}
