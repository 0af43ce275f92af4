package io.github.backgroundwork.engine;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkRejectedException.Reason;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

/**
 * Hands accepted items to at most {@code concurrency} places at once and keeps track of
 * every item until it ends. Enqueuing threads take the put lock once per item; a worker
 * takes the take lock once per item, settling the item it ran and taking the next in one
 * acquisition. The ready queue, the running places and the history are the registry;
 * every move between them happens under the take lock, so an item is always in one of
 * them.
 */
final class Dispatcher {

	final ItemIds ids = new ItemIds();

	private final EngineSettings settings;

	private final ItemRunner runner;

	private final WorkEvents events;

	private final ReentrantLock putLock = new ReentrantLock();

	private final Condition roomAvailable = this.putLock.newCondition();

	private final ReentrantLock takeLock = new ReentrantLock();

	private final Condition workAvailable = this.takeLock.newCondition();

	private final Condition changed = this.takeLock.newCondition();

	/**
	 * Numbers the items; written by enqueuing threads only, never by workers.
	 */
	private final AtomicLong sequence = new AtomicLong();

	private final ReadyQueue ready;

	private final RunningItems running;

	private final long anchorMillis = System.currentTimeMillis();

	private final long anchorNanos = System.nanoTime();

	/**
	 * Written under both locks, so either one is enough to read it.
	 */
	private volatile QueueState state = QueueState.RUNNING;

	/**
	 * Whether workers take items: from start to termination. Written under both locks.
	 */
	private volatile boolean dispatching;

	// Guarded by the put lock
	private long accepted;

	private long rejected;

	private int blockedCallers;

	// Guarded by the take lock
	private int idleWorkers;

	/**
	 * Whether the last {@link #take} waited, read by the worker that called it.
	 */
	private boolean tookAfterWait;

	Dispatcher(EngineSettings settings, ItemRunner runner, WorkEvents events) {
		this.settings = settings;
		this.runner = runner;
		this.events = events;
		this.ready = new ReadyQueue(new WorkItem(this, 0, "", ""));
		this.running = new RunningItems(settings.concurrency(), settings.historySize());
	}

	// --- Enqueue

	/**
	 * Accept an item, or refuse it with a {@link WorkRejectedException}.
	 * @param name the item's name
	 * @param work the work
	 * @return the accepted item
	 */
	WorkItem submit(String name, Object work) {
		WorkItem item = new WorkItem(this, this.sequence.incrementAndGet(), name, work);
		// Decorators run outside the locks: they may be slow, and they may throw, in
		// which
		// case nothing was accepted
		this.runner.decorate(item);
		Reason refusal;
		int before = -1;
		boolean inline = false;
		this.putLock.lock();
		try {
			refusal = admit();
			if (refusal == null) {
				before = this.ready.link(item);
				this.accepted++;
				if (before + 1 < this.settings.capacity() && this.blockedCallers > 0) {
					this.roomAvailable.signal();
				}
			}
			else if (refusal == Reason.CAPACITY && this.settings.whenFull() == WhenFull.CALLER_RUNS
					&& this.dispatching) {
				inline = occupyInline(item);
				this.accepted++;
			}
			else {
				this.rejected++;
			}
		}
		finally {
			this.putLock.unlock();
		}
		if (before == 0) {
			signalWorkAvailable();
		}
		if (refusal == null) {
			return item;
		}
		if (inline) {
			runInline(item);
			return item;
		}
		throw refuse(item, refusal);
	}

	/**
	 * Decide, under the put lock, whether there is room; waits for it with
	 * {@link WhenFull#BLOCK}.
	 * @return why the item is refused, or {@code null} if there is room
	 */
	private @Nullable Reason admit() {
		if (this.state != QueueState.RUNNING) {
			return Reason.SHUTTING_DOWN;
		}
		if (this.ready.size() < this.settings.capacity()) {
			return null;
		}
		if (this.settings.whenFull() != WhenFull.BLOCK) {
			return Reason.CAPACITY;
		}
		long remaining = this.settings.blockTimeout().toNanos();
		this.blockedCallers++;
		try {
			while (this.ready.size() >= this.settings.capacity() && this.state == QueueState.RUNNING) {
				if (remaining <= 0) {
					return Reason.CAPACITY;
				}
				remaining = this.roomAvailable.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Reason.INTERRUPTED;
		}
		finally {
			this.blockedCallers--;
		}
		return (this.state != QueueState.RUNNING) ? Reason.SHUTTING_DOWN : null;
	}

	private boolean occupyInline(WorkItem item) {
		this.takeLock.lock();
		try {
			item.take();
			this.running.occupyInline(item);
			return true;
		}
		finally {
			this.takeLock.unlock();
		}
	}

	private WorkRejectedException refuse(WorkItem item, Reason reason) {
		String name = item.name();
		String message = switch (reason) {
			case SHUTTING_DOWN ->
				"Background work '" + name + "' was refused: the queue is shutting down (" + this.state + ")";
			case INTERRUPTED -> "Background work '" + name
					+ "' was refused: the enqueuing thread was interrupted while it waited for room";
			case CAPACITY -> "Background work '" + name + "' was refused: queue capacity " + this.settings.capacity()
					+ " reached" + ((this.settings.whenFull() == WhenFull.BLOCK)
							? " and no room within " + this.settings.blockTimeout() : "");
		};
		WorkRejectedException ex = new WorkRejectedException(reason, message);
		this.events.rejected(name, ex);
		return ex;
	}

	private void runInline(WorkItem item) {
		item.extras().inlineRunner = Thread.currentThread();
		ItemRunner.Outcome outcome = new ItemRunner.Outcome();
		boolean ended;
		try {
			ended = this.runner.run(item, outcome, System.nanoTime());
		}
		finally {
			item.extras().inlineRunner = null;
		}
		if (ended) {
			settle(item, outcome.state, outcome.failure);
		}
	}

	private void signalWorkAvailable() {
		this.takeLock.lock();
		try {
			if (this.idleWorkers > 0 && this.running.hasFreePlace()) {
				this.workAvailable.signal();
			}
		}
		finally {
			this.takeLock.unlock();
		}
	}

	private void signalRoomAvailable() {
		this.putLock.lock();
		try {
			this.roomAvailable.signal();
		}
		finally {
			this.putLock.unlock();
		}
	}

	// --- Workers

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
			this.takeLock.lock();
			try {
				if (done != null) {
					ended = done.endRunning(outcome.state, outcome.failure, now);
					// This worker takes the next item itself: no other worker to wake
					release(done, false);
				}
				// Never wait for work with an item still to announce
				next = take(!ended);
				if (this.tookAfterWait || now == 0) {
					// The clock read for the end of the last item would be stale
					now = -1;
				}
				if (next != null) {
					before = this.ready.decrement();
					if (before > 1 && this.idleWorkers > 0 && this.running.hasFreePlace()) {
						this.workAvailable.signal();
					}
				}
			}
			finally {
				this.takeLock.unlock();
			}
			if (before == this.settings.capacity()) {
				signalRoomAvailable();
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
		this.tookAfterWait = false;
		while (this.dispatching) {
			if (this.running.hasFreePlace() && this.ready.size() > 0) {
				WorkItem item = this.ready.unlinkFirst();
				item.take();
				this.running.occupy(item);
				return item;
			}
			if (!mayWait) {
				return null;
			}
			this.idleWorkers++;
			this.tookAfterWait = true;
			try {
				this.workAvailable.awaitUninterruptibly();
			}
			finally {
				this.idleWorkers--;
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
		this.takeLock.lock();
		try {
			ended = item.endRunning(state, failure, now);
			release(item, true);
		}
		finally {
			this.takeLock.unlock();
		}
		if (ended) {
			announce(item);
		}
	}

	/**
	 * Give back an item's place and count it; under the take lock.
	 */
	private void release(WorkItem item, boolean wakeWorker) {
		if (!this.running.release(item)) {
			return;
		}
		this.running.ended(item);
		if (wakeWorker && this.idleWorkers > 0 && this.ready.size() > 0) {
			this.workAvailable.signal();
		}
		signalChanged();
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

	private void signalChanged() {
		if (this.state != QueueState.RUNNING) {
			this.changed.signalAll();
		}
	}

	/**
	 * Whether an item has ended, read under the take lock, where items end: what
	 * {@link WorkItem#completion()} needs so that its stage is completed exactly when the
	 * item ends, whichever comes first.
	 */
	boolean hasEnded(WorkItem item) {
		this.takeLock.lock();
		try {
			return item.isTerminal();
		}
		finally {
			this.takeLock.unlock();
		}
	}

	// --- Cancelling a queued item: O(1), amortized over the sweeps of tombstones

	void cancelQueued(WorkItem item) {
		int before;
		boolean sweep;
		this.takeLock.lock();
		try {
			if (!item.endQueued(WorkState.CANCELLED, System.nanoTime())) {
				return;
			}
			before = this.ready.remove(item);
			this.running.ended(item);
			sweep = this.ready.needsSweep();
			signalChanged();
		}
		finally {
			this.takeLock.unlock();
		}
		if (before == this.settings.capacity()) {
			signalRoomAvailable();
		}
		if (sweep) {
			fullyLock();
			try {
				this.ready.sweep();
			}
			finally {
				fullyUnlock();
			}
		}
		this.events.finished(item);
		item.completeFuture();
	}

	// --- What the lifecycle and the shutdown sequence need

	private void fullyLock() {
		this.putLock.lock();
		this.takeLock.lock();
	}

	private void fullyUnlock() {
		this.takeLock.unlock();
		this.putLock.unlock();
	}

	/**
	 * Accept work and let workers take it.
	 * @return whether they were not allowed before
	 */
	boolean startDispatching() {
		fullyLock();
		try {
			if (this.dispatching) {
				return false;
			}
			this.state = QueueState.RUNNING;
			this.dispatching = true;
			return true;
		}
		finally {
			fullyUnlock();
		}
	}

	/**
	 * Refuse new work from now on.
	 * @return whether this call began the shutdown (the queue was running)
	 */
	boolean refuseNewWork() {
		fullyLock();
		try {
			if (this.state != QueueState.RUNNING) {
				return false;
			}
			this.state = QueueState.DRAINING;
			this.roomAvailable.signalAll();
			return true;
		}
		finally {
			fullyUnlock();
		}
	}

	boolean isDispatching() {
		return this.dispatching;
	}

	QueueState state() {
		return this.state;
	}

	void setState(QueueState state) {
		fullyLock();
		try {
			this.state = state;
			this.changed.signalAll();
		}
		finally {
			fullyUnlock();
		}
	}

	/**
	 * Wait until no item is queued or running, or the deadline passes. An interrupt ends
	 * the wait as if the deadline had passed, and is kept for the caller.
	 */
	boolean awaitQuiet(long deadlineNanos) {
		this.takeLock.lock();
		try {
			while (this.ready.size() > 0 || !this.running.isEmpty()) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				this.changed.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.ready.size() == 0 && this.running.isEmpty();
		}
		finally {
			this.takeLock.unlock();
		}
	}

	/**
	 * Wait until the queue has terminated.
	 */
	void awaitTerminated() {
		this.takeLock.lock();
		try {
			while (this.state != QueueState.TERMINATED) {
				this.changed.await();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.takeLock.unlock();
		}
	}

	/**
	 * End every item that never started as {@link WorkState#ABANDONED}.
	 * @return the abandoned items, oldest first
	 */
	List<WorkItem> abandonQueued() {
		List<WorkItem> abandoned = new java.util.ArrayList<>();
		fullyLock();
		try {
			long now = System.nanoTime();
			this.ready.drain((item) -> {
				if (item.endQueued(WorkState.ABANDONED, now)) {
					this.running.ended(item);
					abandoned.add(item);
				}
			});
			this.changed.signalAll();
		}
		finally {
			fullyUnlock();
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
		List<WorkItem> abandoned = new java.util.ArrayList<>();
		this.takeLock.lock();
		try {
			long now = System.nanoTime();
			for (WorkItem item : this.running.list()) {
				if (item.endRunning(WorkState.ABANDONED, null, now)) {
					abandoned.add(item);
				}
				release(item, false);
			}
		}
		finally {
			this.takeLock.unlock();
		}
		abandoned.forEach(WorkItem::completeFuture);
		return abandoned;
	}

	/**
	 * Return the items that run now, on workers or on callers' threads.
	 */
	List<WorkItem> runningItems() {
		this.takeLock.lock();
		try {
			return this.running.list();
		}
		finally {
			this.takeLock.unlock();
		}
	}

	/**
	 * Stop the workers: each returns once it has no item.
	 */
	void stopDispatching() {
		fullyLock();
		try {
			this.dispatching = false;
			this.state = QueueState.TERMINATED;
			this.workAvailable.signalAll();
			this.changed.signalAll();
		}
		finally {
			fullyUnlock();
		}
	}

	// --- Inspection

	QueueStatistics statistics() {
		fullyLock();
		try {
			return new QueueStatistics(this.state, this.settings.concurrency(), this.settings.capacity(),
					this.ready.size(), this.running.size(), this.running.totals(this.accepted, this.rejected));
		}
		finally {
			fullyUnlock();
		}
	}

	/**
	 * Visit every item in flight, running ones then queued ones, oldest first, then the
	 * recently finished ones, most recent first, under both locks: the visitors must be
	 * quick and must not enqueue.
	 */
	void inspect(Consumer<WorkItem> inFlight, Consumer<WorkItem> finished) {
		fullyLock();
		try {
			this.running.list().forEach(inFlight);
			this.ready.forEach(inFlight);
			this.running.forEachFinished(finished);
		}
		finally {
			fullyUnlock();
		}
	}

	ReadyQueue readyQueue() {
		return this.ready;
	}

	Instant wallClock(long nanos) {
		return Instant.ofEpochMilli(this.anchorMillis).plusNanos(nanos - this.anchorNanos);
	}

	void runCancellationCallback(Runnable callback) {
		try {
			callback.run();
		}
		catch (Throwable ex) {
			org.apache.commons.logging.LogFactory.getLog(Dispatcher.class)
				.warn("A cancellation callback of background work failed", ex);
		}
	}

}
