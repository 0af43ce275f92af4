package io.github.backgroundwork.engine;

import java.time.Instant;

import io.github.backgroundwork.WorkState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The take side of the {@link ItemRegistry}: hands queued items to at most
 * {@code concurrency} places at once and settles them when they end. A worker takes the
 * take lock once per item, settling the item it ran and taking the next in one
 * acquisition; asynchronous items, cancellations and caller-run items settle here too.
 */
final class Dispatcher {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	final ItemRegistry registry;

	private final ItemRunner runner;

	private final WorkEvents events;

	final ItemIds ids;

	Dispatcher(EngineSettings settings, ItemRunner runner, WorkEvents events) {
		// The ready queue's sentinel is never run, cancelled or shown
		this.registry = new ItemRegistry(settings, new ReadyQueue(new WorkItem(this, 0, "", "")));
		this.runner = runner;
		this.events = events;
		this.ids = this.registry.ids;
	}

	/**
	 * The loop of one worker: settle what it ran and take the next item under one
	 * acquisition of the take lock, then tell of the settled one, then run the next.
	 */
	void work() {
		ItemRunner.Outcome outcome = new ItemRunner.Outcome();
		WorkItem done = null;
		while (true) {
			WorkItem next;
			boolean ended = false;
			int before = 0;
			long now = (done != null) ? System.nanoTime() : 0;
			this.registry.takeLock.lock();
			try {
				if (done != null) {
					ended = done.endRunning(outcome.state, outcome.failure, now);
					// This worker takes the next item itself: no other worker to wake
					release(done, false);
				}
				// Never wait for work with an item still to announce
				next = take(!ended);
				if (this.registry.tookAfterWait || now == 0) {
					// The clock read for the end of the last item would be stale
					now = -1;
				}
				if (next != null) {
					before = this.registry.ready.decrement();
					if (before > 1 && this.registry.idleWorkers > 0 && this.registry.running.hasFreePlace()) {
						this.registry.workAvailable.signal();
					}
				}
			}
			finally {
				this.registry.takeLock.unlock();
			}
			if (before == this.registry.settings.capacity()) {
				this.registry.signalRoomAvailable();
			}
			if (ended) {
				announce(done);
			}
			done = null;
			if (next == null) {
				if (ended) {
					continue;
				}
				return;
			}
			if (this.runner.run(next, outcome, (now > 0) ? now : System.nanoTime())) {
				done = next;
			}
			// Work that interrupted itself must not leave the flag to the next item
			Thread.interrupted();
		}
	}

	private @Nullable WorkItem take(boolean mayWait) {
		this.registry.tookAfterWait = false;
		while (this.registry.dispatching) {
			if (this.registry.running.hasFreePlace() && this.registry.ready.size() > 0) {
				WorkItem item = this.registry.ready.unlinkFirst();
				item.take();
				this.registry.running.occupy(item);
				return item;
			}
			if (!mayWait) {
				return null;
			}
			this.registry.idleWorkers++;
			this.registry.tookAfterWait = true;
			try {
				this.registry.workAvailable.awaitUninterruptibly();
			}
			finally {
				this.registry.idleWorkers--;
			}
		}
		return null;
	}

	/**
	 * End an item that ran, unless it ended already, and give back its place.
	 */
	void settle(WorkItem item, WorkState state, @Nullable Throwable failure) {
		long now = System.nanoTime();
		boolean ended;
		this.registry.takeLock.lock();
		try {
			ended = item.endRunning(state, failure, now);
			release(item, true);
		}
		finally {
			this.registry.takeLock.unlock();
		}
		if (ended) {
			announce(item);
		}
	}

	/**
	 * Give back an item's place and count it; under the take lock.
	 */
	void release(WorkItem item, boolean wakeWorker) {
		if (!this.registry.running.release(item)) {
			return;
		}
		this.registry.running.ended(item);
		if (wakeWorker && this.registry.idleWorkers > 0 && this.registry.ready.size() > 0) {
			this.registry.workAvailable.signal();
		}
		this.registry.signalChanged();
	}

	/**
	 * Tell the error handler, the listeners and the completion's callers that an item
	 * ended; outside the locks, once the item has been counted.
	 */
	private void announce(WorkItem item) {
		if (item.state() == WorkState.FAILED) {
			ItemExtras extras = item.extrasIfAny();
			Throwable failure = (extras != null) ? extras.failure : null;
			this.events.failed(item, (failure != null) ? failure : new IllegalStateException("failed"));
		}
		this.events.finished(item);
		item.completeFuture();
	}

	/**
	 * Whether an item has ended, read under the take lock, where items end: what
	 * {@link WorkItem#completion()} needs so that its stage is completed exactly when the
	 * item ends, whichever comes first.
	 */
	boolean hasEnded(WorkItem item) {
		this.registry.takeLock.lock();
		try {
			return item.isTerminal();
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	void cancelQueued(WorkItem item) {
		int before;
		boolean sweep;
		this.registry.takeLock.lock();
		try {
			if (!item.endQueued(WorkState.CANCELLED, System.nanoTime())) {
				return;
			}
			before = this.registry.ready.remove(item);
			this.registry.running.ended(item);
			sweep = this.registry.ready.needsSweep();
			this.registry.signalChanged();
		}
		finally {
			this.registry.takeLock.unlock();
		}
		if (before == this.registry.settings.capacity()) {
			this.registry.signalRoomAvailable();
		}
		if (sweep) {
			this.registry.fullyLock();
			try {
				this.registry.ready.sweep();
			}
			finally {
				this.registry.fullyUnlock();
			}
		}
		this.events.finished(item);
		item.completeFuture();
	}

	void runCancellationCallback(Runnable callback) {
		try {
			callback.run();
		}
		catch (Throwable ex) {
			logger.warn("A cancellation callback of background work failed", ex);
		}
	}

	Instant wallClock(long nanos) {
		return this.registry.wallClock(nanos);
	}

}
