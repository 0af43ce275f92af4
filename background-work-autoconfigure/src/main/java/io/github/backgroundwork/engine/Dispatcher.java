package io.github.backgroundwork.engine;

import java.time.Instant;
import java.util.ArrayList;
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
import io.github.backgroundwork.WorkTotals;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Hands accepted items to at most {@code concurrency} places at once, and keeps track of
 * every item until it ends: the ready queue, the running places and the history are its
 * registry, all behind one lock that each item takes once on enqueue and once on the
 * worker, where settling one item and taking the next share a single acquisition.
 */
final class Dispatcher {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	final ItemIds ids = new ItemIds();

	private final EngineSettings settings;

	private final ItemRunner runner;

	private final WorkEvents events;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition workAvailable = this.lock.newCondition();

	private final Condition roomAvailable = this.lock.newCondition();

	private final Condition changed = this.lock.newCondition();

	/**
	 * Numbers the items; written by enqueuing threads only, never by workers.
	 */
	private final AtomicLong sequence = new AtomicLong();

	private final ReadyQueue ready;

	private final WorkItem[] running;

	private final int[] freeSlots;

	private int freeCount;

	private final List<WorkItem> inline = new ArrayList<>(0);

	private final FinishedHistory history;

	private final long anchorMillis = System.currentTimeMillis();

	private final long anchorNanos = System.nanoTime();

	// Guarded by the lock
	private QueueState state = QueueState.RUNNING;

	private boolean dispatching;

	private int idleWorkers;

	private int blockedCallers;

	private long accepted;

	private long succeeded;

	private long failed;

	private long cancelled;

	private long rejected;

	private long abandoned;

	Dispatcher(EngineSettings settings, ItemRunner runner, WorkEvents events) {
		this.settings = settings;
		this.runner = runner;
		this.events = events;
		this.ready = new ReadyQueue(Math.min(settings.capacity(), 1024));
		this.running = new WorkItem[settings.concurrency()];
		this.freeSlots = new int[settings.concurrency()];
		for (int i = 0; i < this.freeSlots.length; i++) {
			this.freeSlots[i] = this.freeSlots.length - 1 - i;
		}
		this.freeCount = this.freeSlots.length;
		this.history = new FinishedHistory(settings.historySize());
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
		// Decorators run outside the lock: they may be slow, and they may throw, in which
		// case nothing was accepted
		this.runner.decorate(item);
		Reason refusal;
		this.lock.lock();
		try {
			refusal = admit();
			if (refusal == null) {
				this.ready.add(item);
				this.accepted++;
				if (this.idleWorkers > 0 && this.freeCount > 0 && this.ready.size() == 1) {
					this.workAvailable.signal();
				}
				return item;
			}
			if (refusal == Reason.CAPACITY && this.settings.whenFull() == WhenFull.CALLER_RUNS && this.dispatching) {
				item.take();
				item.slot = WorkItem.INLINE_SLOT;
				this.inline.add(item);
				this.accepted++;
			}
			else {
				this.rejected++;
				signalChanged();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (item.slot == WorkItem.INLINE_SLOT) {
			runInline(item);
			return item;
		}
		throw refuse(item, refusal);
	}

	/**
	 * Decide, under the lock, whether there is room; waits for it with
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

	private WorkRejectedException refuse(WorkItem item, Reason reason) {
		String name = item.name();
		String message = switch (reason) {
			case SHUTTING_DOWN ->
				"Background work '" + name + "' was refused: the queue is shutting down (" + statistics().state() + ")";
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
			ended = this.runner.run(item, outcome);
		}
		finally {
			item.extras().inlineRunner = null;
		}
		if (ended) {
			settle(item, outcome.state, outcome.failure);
		}
	}

	// --- Workers

	/**
	 * The loop of one worker: settle what it ran and take the next item under one
	 * acquisition of the lock, then tell of the settled one, then run the next.
	 */
	void work() {
		ItemRunner.Outcome outcome = new ItemRunner.Outcome();
		WorkItem done = null;
		while (true) {
			WorkItem next;
			boolean ended = false;
			long now = (done != null) ? System.nanoTime() : 0;
			this.lock.lock();
			try {
				if (done != null) {
					ended = done.endRunning(outcome.state, outcome.failure, now);
					releaseLocked(done);
				}
				// Never wait for work with an item still to announce
				next = takeLocked(!ended);
			}
			finally {
				this.lock.unlock();
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
			if (this.runner.run(next, outcome)) {
				done = next;
			}
			// Work that interrupted itself must not leave the flag to the next item
			Thread.interrupted();
		}
	}

	/**
	 * End an item that ran, unless it ended already, and give back its place.
	 */
	void settle(WorkItem item, WorkState state, @Nullable Throwable failure) {
		long now = System.nanoTime();
		boolean ended;
		this.lock.lock();
		try {
			ended = item.endRunning(state, failure, now);
			releaseLocked(item);
		}
		finally {
			this.lock.unlock();
		}
		if (ended) {
			announce(item);
		}
	}

	/**
	 * Tell the error handler, the listeners and the completion's callers that an item
	 * ended; outside the lock, once the item has been counted.
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

	private @Nullable WorkItem takeLocked(boolean mayWait) {
		while (this.dispatching) {
			if (this.freeCount > 0) {
				WorkItem item = this.ready.poll();
				if (item != null) {
					item.take();
					int slot = this.freeSlots[--this.freeCount];
					this.running[slot] = item;
					item.slot = slot;
					if (this.blockedCallers > 0) {
						this.roomAvailable.signal();
					}
					if (this.idleWorkers > 0 && this.freeCount > 0 && this.ready.size() > 0) {
						this.workAvailable.signal();
					}
					return item;
				}
			}
			if (!mayWait) {
				return null;
			}
			this.idleWorkers++;
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
	 * Give back an item's place once it has ended; does nothing if it was given back
	 * already.
	 */
	void release(WorkItem item) {
		this.lock.lock();
		try {
			releaseLocked(item);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void releaseLocked(WorkItem item) {
		int slot = item.slot;
		if (slot == WorkItem.NO_SLOT) {
			return;
		}
		item.slot = WorkItem.NO_SLOT;
		if (slot == WorkItem.INLINE_SLOT) {
			this.inline.remove(item);
		}
		else {
			this.running[slot] = null;
			this.freeSlots[this.freeCount++] = slot;
			if (this.idleWorkers > 0 && this.ready.size() > 0) {
				this.workAvailable.signal();
			}
		}
		count(item);
		signalChanged();
	}

	private void count(WorkItem item) {
		switch (item.state()) {
			case SUCCEEDED -> this.succeeded++;
			case FAILED -> this.failed++;
			case CANCELLED -> this.cancelled++;
			default -> this.abandoned++;
		}
		this.history.add(item);
	}

	private void signalChanged() {
		if (this.state != QueueState.RUNNING) {
			this.changed.signalAll();
		}
	}

	// --- Cancellation of a queued item: O(1)

	void cancelQueued(WorkItem item) {
		this.lock.lock();
		try {
			if (!item.endQueued(WorkState.CANCELLED, System.nanoTime())) {
				return;
			}
			this.ready.remove(item);
			count(item);
			if (this.blockedCallers > 0) {
				this.roomAvailable.signal();
			}
			signalChanged();
		}
		finally {
			this.lock.unlock();
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

	// --- What the lifecycle and the shutdown sequence need

	/**
	 * Let workers take items; return whether they were not allowed before.
	 */
	boolean startDispatching() {
		this.lock.lock();
		try {
			if (this.dispatching) {
				return false;
			}
			this.state = QueueState.RUNNING;
			this.dispatching = true;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Refuse new work from now on.
	 * @return whether this call began the shutdown (the queue was running)
	 */
	boolean refuseNewWork() {
		this.lock.lock();
		try {
			if (this.state != QueueState.RUNNING) {
				return false;
			}
			this.state = QueueState.DRAINING;
			this.roomAvailable.signalAll();
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isDispatching() {
		this.lock.lock();
		try {
			return this.dispatching;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until no item is queued or running, or the deadline passes. An interrupt ends
	 * the wait as if the deadline had passed, and is kept for the caller.
	 */
	boolean awaitQuiet(long deadlineNanos) {
		this.lock.lock();
		try {
			while (!isQuietLocked()) {
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
			return isQuietLocked();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean isQuietLocked() {
		return this.ready.size() == 0 && this.freeCount == this.running.length && this.inline.isEmpty();
	}

	void setState(QueueState state) {
		this.lock.lock();
		try {
			this.state = state;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * End every item that never started as {@link WorkState#ABANDONED}.
	 * @return the abandoned items, oldest first
	 */
	List<WorkItem> abandonQueued() {
		List<WorkItem> abandonedItems = new ArrayList<>();
		this.lock.lock();
		try {
			long now = System.nanoTime();
			this.ready.drain((item) -> {
				if (item.endQueued(WorkState.ABANDONED, now)) {
					count(item);
					abandonedItems.add(item);
				}
			});
			signalChanged();
		}
		finally {
			this.lock.unlock();
		}
		abandonedItems.forEach(WorkItem::completeFuture);
		return abandonedItems;
	}

	/**
	 * End every item still running as {@link WorkState#ABANDONED}, at once, and give back
	 * its place.
	 * @return the abandoned items
	 */
	List<WorkItem> abandonRunning() {
		List<WorkItem> abandonedItems = new ArrayList<>();
		this.lock.lock();
		try {
			long now = System.nanoTime();
			for (WorkItem item : runningLocked()) {
				if (item.endRunning(WorkState.ABANDONED, null, now)) {
					abandonedItems.add(item);
				}
				releaseLocked(item);
			}
		}
		finally {
			this.lock.unlock();
		}
		abandonedItems.forEach(WorkItem::completeFuture);
		return abandonedItems;
	}

	/**
	 * Return the items that run now, on workers or on callers' threads.
	 */
	List<WorkItem> runningItems() {
		this.lock.lock();
		try {
			return runningLocked();
		}
		finally {
			this.lock.unlock();
		}
	}

	private List<WorkItem> runningLocked() {
		List<WorkItem> items = new ArrayList<>(this.running.length - this.freeCount + this.inline.size());
		for (WorkItem item : this.running) {
			if (item != null) {
				items.add(item);
			}
		}
		items.addAll(this.inline);
		return items;
	}

	/**
	 * Stop the workers: each returns once it has no item.
	 */
	void stopDispatching() {
		this.lock.lock();
		try {
			this.dispatching = false;
			this.state = QueueState.TERMINATED;
			this.workAvailable.signalAll();
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	QueueState state() {
		this.lock.lock();
		try {
			return this.state;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until the queue has terminated.
	 */
	void awaitTerminated() {
		this.lock.lock();
		try {
			while (this.state != QueueState.TERMINATED) {
				this.changed.await();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	// --- Inspection

	QueueStatistics statistics() {
		this.lock.lock();
		try {
			long runningNow = this.running.length - this.freeCount + this.inline.size();
			WorkTotals totals = new WorkTotals(this.accepted, this.succeeded, this.failed, this.cancelled,
					this.rejected, this.abandoned);
			return new QueueStatistics(this.state, this.settings.concurrency(), this.settings.capacity(),
					this.ready.size(), runningNow, totals);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Visit every item in flight, oldest first, then the recently finished ones, most
	 * recent first, under the lock: the visitors must be quick and must not enqueue.
	 */
	void inspect(Consumer<WorkItem> inFlight, Consumer<WorkItem> finished) {
		this.lock.lock();
		try {
			List<WorkItem> runningNow = runningLocked();
			runningNow.sort((a, b) -> Long.compare(a.sequence, b.sequence));
			runningNow.forEach(inFlight);
			this.ready.forEach(inFlight);
			this.history.forEach(finished);
		}
		finally {
			this.lock.unlock();
		}
	}

	Instant wallClock(long nanos) {
		return Instant.ofEpochMilli(this.anchorMillis).plusNanos(nanos - this.anchorNanos);
	}

}
