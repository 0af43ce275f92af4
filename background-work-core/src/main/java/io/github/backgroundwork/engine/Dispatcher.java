package io.github.backgroundwork.engine;

import java.time.Duration;
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

	final Rescheduler rescheduler;

	private final ItemTaker taker;

	Dispatcher(EngineSettings settings, ItemRunner runner, WorkEvents events) {
		// The ready queue's sentinel is never run, cancelled or shown
		this.registry = new ItemRegistry(settings, new ReadyQueue(new WorkItem(this, 0, "", "")));
		this.runner = runner;
		this.events = events;
		this.ids = this.registry.ids;
		this.rescheduler = new Rescheduler(this.registry, events);
		this.taker = new ItemTaker(this.registry, settings);
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
			long retryDelay = -1;
			boolean madeRoom;
			long now = (done != null) ? System.nanoTime() : 0;
			this.registry.takeLock.lock();
			try {
				if (done != null) {
					retryDelay = this.rescheduler.retryDelayLocked(done, outcome.state);
					if (retryDelay < 0) {
						ended = done.endRunning(outcome.state, outcome.failure, now);
						// This worker takes the next item itself: no other worker to wake
						release(done, false);
					}
				}
				// Never wait for work with an item still to announce
				next = this.taker.take(!ended && retryDelay < 0);
				madeRoom = next != null && (this.taker.madeRoom() || this.registry.batchCallers > 0);
				if (this.taker.tookAfterWait() || now == 0) {
					// The clock read for the end of the last item would be stale
					now = -1;
				}
			}
			finally {
				this.registry.takeLock.unlock();
			}
			// A caller waits for room only while the queue is full; the take that
			// brings the waiting items down to the room mark wakes one, and that
			// one wakes the next if room is left (one caller also looks on its
			// own, see Admission.admit). A batch needs room for all its items:
			// every take wakes it.
			if (madeRoom) {
				this.registry.signalRoomAvailable();
			}
			if (retryDelay >= 0) {
				this.rescheduler.retry(done, outcome.failure, now, retryDelay);
			}
			else if (ended) {
				announce(done);
			}
			boolean announced = ended || retryDelay >= 0;
			done = null;
			if (next == null) {
				if (announced) {
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

	/**
	 * End an item that ran, unless it ended already or is retried, and give back its
	 * place.
	 */
	void settle(WorkItem item, WorkState state, @Nullable Throwable failure) {
		long now = System.nanoTime();
		boolean ended = false;
		long retryDelay;
		this.registry.takeLock.lock();
		try {
			retryDelay = this.rescheduler.retryDelayLocked(item, state);
			if (retryDelay < 0) {
				ended = item.endRunning(state, failure, now);
				release(item, true);
			}
		}
		finally {
			this.registry.takeLock.unlock();
		}
		if (retryDelay >= 0) {
			this.rescheduler.retry(item, failure, now, retryDelay);
		}
		else if (ended) {
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
		this.registry.limits.release(item);
		this.registry.ended(item);
		if (wakeWorker && this.registry.idleWorkers > 0 && (this.registry.ready.size() > 0
				|| this.registry.limits.hasEligible() || this.registry.scheduled.size() > 0)) {
			this.registry.workAvailable.signal();
		}
		this.registry.signalChanged();
	}

	/**
	 * Tell the error handler, the listeners and the completion's callers that an item
	 * ended; outside the locks, once the item has been counted. An item that stopped at
	 * the shutdown's request is abandoned: the shutdown reports it, with the others, to
	 * {@link io.github.backgroundwork.WorkListener#onAbandoned}, never to
	 * {@code onFinished}.
	 */
	private void announce(WorkItem item) {
		WorkState state = item.state();
		if (state == WorkState.ABANDONED) {
			item.completeFuture();
			return;
		}
		if (state == WorkState.FAILED) {
			ItemExtras extras = item.extrasIfAny();
			Throwable failure = (extras != null) ? extras.failure : null;
			TypedWork typed = item.typed();
			Duration storedRetry = (typed != null) ? typed.storedRetryDelay : null;
			if (storedRetry != null) {
				// Its store runs it again: a retry, as in memory, not the end of the item
				this.rescheduler.announceRetry(item, failure, storedRetry);
				item.completeFuture();
				return;
			}
			if (typed != null) {
				logger.warn("Background work '" + item.name() + "' (" + item.id() + ") failed, "
						+ typed.attemptOfTotal() + ": no retry left");
			}
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
		endQueued(item, WorkState.CANCELLED);
	}

	/**
	 * End an item that waits, queued or scheduled, without running it.
	 * @return whether this call ended it
	 */
	boolean endQueued(WorkItem item, WorkState outcome) {
		ItemRegistry registry = this.registry;
		boolean wasFull;
		boolean sweep = false;
		registry.takeLock.lock();
		try {
			boolean scheduled = item.state() == WorkState.SCHEDULED;
			wasFull = registry.waiting() >= registry.settings.capacity() || registry.batchCallers > 0;
			if (!item.endQueued(outcome, System.nanoTime())) {
				return false;
			}
			if (item.slot == WorkItem.PARKED_SLOT) {
				registry.limits.remove(item);
				registry.held.decrementAndGet();
			}
			else if (scheduled) {
				registry.scheduled.remove(item);
				registry.held.decrementAndGet();
			}
			else {
				registry.ready.remove(item);
				sweep = registry.ready.needsSweep();
			}
			registry.ended(item);
			registry.signalChanged();
		}
		finally {
			registry.takeLock.unlock();
		}
		if (wasFull) {
			registry.signalRoomAvailable();
		}
		if (sweep) {
			registry.fullyLock();
			try {
				registry.ready.sweep();
			}
			finally {
				registry.fullyUnlock();
			}
		}
		this.events.finished(item);
		item.completeFuture();
		return true;
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
