package io.github.backgroundwork.engine;

import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.WorkState;

/**
 * What the queue's lifecycle and its {@link ShutdownSequence} do to the
 * {@link ItemRegistry}: start and stop dispatching, refuse new work, wait for quiet, and
 * abandon what is left at a deadline.
 */
final class DispatcherLifecycle {

	private final ItemRegistry registry;

	private final Dispatcher dispatcher;

	DispatcherLifecycle(ItemRegistry registry, Dispatcher dispatcher) {
		this.registry = registry;
		this.dispatcher = dispatcher;
	}

	/**
	 * Accept work and let workers take it.
	 * @return whether they were not allowed before
	 */
	boolean startDispatching() {
		this.registry.fullyLock();
		try {
			if (this.registry.dispatching) {
				return false;
			}
			this.registry.state = QueueState.RUNNING;
			this.registry.dispatching = true;
			return true;
		}
		finally {
			this.registry.fullyUnlock();
		}
	}

	/**
	 * Refuse new work from now on.
	 * @return whether this call began the shutdown (the queue was running)
	 */
	boolean refuseNewWork() {
		this.registry.fullyLock();
		try {
			if (this.registry.state != QueueState.RUNNING) {
				return false;
			}
			this.registry.state = QueueState.DRAINING;
			this.registry.roomAvailable.signalAll();
			return true;
		}
		finally {
			this.registry.fullyUnlock();
		}
	}

	boolean isDispatching() {
		return this.registry.dispatching;
	}

	QueueState state() {
		return this.registry.state;
	}

	void setState(QueueState state) {
		this.registry.fullyLock();
		try {
			this.registry.state = state;
			this.registry.changed.signalAll();
		}
		finally {
			this.registry.fullyUnlock();
		}
	}

	/**
	 * Wait until no item is queued or running, or the deadline passes. An interrupt ends
	 * the wait as if the deadline had passed, and is kept for the caller.
	 */
	boolean awaitQuiet(long deadlineNanos) {
		this.registry.takeLock.lock();
		try {
			while (!isQuiet(deadlineNanos)) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				// Scheduled items that come due before the deadline are waited for
				this.registry.changed.awaitNanos(Math.min(remaining,
						Math.max(1_000_000, this.registry.scheduled.nextDueNanos() - System.nanoTime())));
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return isQuiet(deadlineNanos);
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	/**
	 * Whether nothing runs or waits for a worker, and nothing scheduled is due before the
	 * deadline; under the take lock. Items a pause holds wait for an operator, not for
	 * the drain: they do not hold it up.
	 */
	private boolean isQuiet(long deadlineNanos) {
		ItemRegistry registry = this.registry;
		return registry.ready.size() == 0 && registry.running.isEmpty()
				&& registry.held.get() - registry.limits.pausedCount() == registry.scheduled.size()
				&& registry.scheduled.nextDueNanos() - deadlineNanos > 0;
	}

	/**
	 * Wait until the queue has terminated.
	 */
	void awaitTerminated() {
		this.registry.takeLock.lock();
		try {
			while (this.registry.state != QueueState.TERMINATED) {
				this.registry.changed.await();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	/**
	 * End every item that never started as {@link WorkState#ABANDONED}.
	 * @return the abandoned items, oldest first
	 */
	List<WorkItem> abandonQueued() {
		List<WorkItem> abandoned = new ArrayList<>();
		this.registry.fullyLock();
		try {
			long now = System.nanoTime();
			java.util.function.Consumer<WorkItem> abandon = (item) -> {
				if (item.endQueued(WorkState.ABANDONED, now)) {
					this.registry.ended(item);
					abandoned.add(item);
				}
			};
			this.registry.limits.drain(abandon);
			this.registry.ready.drain(abandon);
			this.registry.scheduled.drain(abandon);
			this.registry.held.set(0);
			this.registry.changed.signalAll();
		}
		finally {
			this.registry.fullyUnlock();
		}
		abandoned.forEach(WorkItem::completeFuture);
		return abandoned;
	}

	/**
	 * End every item still running as {@link WorkState#ABANDONED}, at once, and give back
	 * its place.
	 * @return the abandoned items
	 */
	List<WorkItem> abandonRunning() {
		List<WorkItem> abandoned = new ArrayList<>();
		this.registry.takeLock.lock();
		try {
			long now = System.nanoTime();
			for (WorkItem item : this.registry.running.list()) {
				if (item.endRunning(WorkState.ABANDONED, null, now)) {
					abandoned.add(item);
				}
				this.dispatcher.release(item, false);
			}
		}
		finally {
			this.registry.takeLock.unlock();
		}
		abandoned.forEach(WorkItem::completeFuture);
		return abandoned;
	}

	/**
	 * Return the items that run now, on workers or on callers' threads.
	 */
	List<WorkItem> runningItems() {
		this.registry.takeLock.lock();
		try {
			return this.registry.running.list();
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	/**
	 * Stop the workers: each returns once it has no item.
	 */
	void stopDispatching() {
		this.registry.fullyLock();
		try {
			this.registry.dispatching = false;
			this.registry.state = QueueState.TERMINATED;
			this.registry.workAvailable.signalAll();
			this.registry.changed.signalAll();
		}
		finally {
			this.registry.fullyUnlock();
		}
	}

}
