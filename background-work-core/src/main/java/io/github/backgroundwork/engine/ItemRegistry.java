package io.github.backgroundwork.engine;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.backgroundwork.QueueState;

/**
 * Where every accepted item is until it ends: the ready queue, the running places and the
 * history, with the two locks that guard them, as in
 * {@link java.util.concurrent.LinkedBlockingQueue}: enqueuing threads take the put lock,
 * workers the take lock, and every move of an item from one place to the next happens
 * under the take lock, so that an item is always in exactly one place. The
 * {@link Admission}, the {@link Dispatcher} and the {@link DispatcherLifecycle} act on
 * it.
 */
final class ItemRegistry {

	final EngineSettings settings;

	final ItemIds ids = new ItemIds();

	final ReentrantLock putLock = new ReentrantLock();

	final Condition roomAvailable = this.putLock.newCondition();

	final ReentrantLock takeLock = new ReentrantLock();

	final Condition workAvailable = this.takeLock.newCondition();

	final Condition changed = this.takeLock.newCondition();

	/**
	 * Numbers the items; written by enqueuing threads only, never by workers.
	 */
	final AtomicLong sequence = new AtomicLong();

	final ReadyQueue ready;

	final RunningItems running;

	/**
	 * Items waiting for their time; guarded by the take lock.
	 */
	final ScheduledItems scheduled = new ScheduledItems();

	/**
	 * Items waiting for room under their name's limit; guarded by the take lock.
	 */
	final NameLimits limits = new NameLimits();

	/**
	 * Live items that wait elsewhere than in the ready queue (scheduled, parked or
	 * eligible): they count toward the capacity as queued ones do.
	 */
	final AtomicInteger held = new AtomicInteger();

	/**
	 * The live item of each name and key, so that a second enqueue of a key returns the
	 * first; added under the put lock, removed when the item ends.
	 */
	final Map<String, WorkItem> liveKeys = new ConcurrentHashMap<>();

	/**
	 * Written under both locks, so either one is enough to read it.
	 */
	volatile QueueState state = QueueState.RUNNING;

	/**
	 * Whether workers take items: from start to termination. Written under both locks.
	 */
	volatile boolean dispatching;

	/**
	 * Guarded by the put lock, like the fields below.
	 */
	final AdmissionCounts counts = new AdmissionCounts();

	int blockedCallers;

	/**
	 * Whether a caller blocked for room looks for it on its own, every
	 * {@link Admission#LOOK_FOR_ROOM_NANOS}; guarded by the put lock. One at a time: the
	 * others wait to be woken.
	 */
	boolean callerLooksForRoom;

	/**
	 * How many items wait when a take wakes the callers blocked for room: an eighth of
	 * the capacity below it, or one item below it under a capacity of 16. A caller that
	 * outpaces the workers is then woken once per batch of room, not once per item: each
	 * wake-up costs microseconds of CPU.
	 */
	final int roomMark;

	/**
	 * Callers waiting for room for more than one item; written under the put lock, read
	 * by workers without it: they wake them at every take.
	 */
	volatile int batchCallers;

	// Guarded by the take lock
	int idleWorkers;

	/**
	 * Whether a worker spins for the next item before it waits: written under the take
	 * lock, read by enqueuing threads without it (see {@link #signalFirstItem()}).
	 */
	volatile boolean spinning;

	private final long anchorMillis = System.currentTimeMillis();

	private final long anchorNanos = System.nanoTime();

	ItemRegistry(EngineSettings settings, ReadyQueue ready) {
		this.settings = settings;
		this.ready = ready;
		this.running = new RunningItems(settings.concurrency(), settings.historySize());
		this.roomMark = settings.capacity() - Math.max(1, settings.capacity() / 8);
	}

	/**
	 * Return how many items wait, queued or scheduled: what the capacity bounds.
	 */
	int waiting() {
		return this.ready.size() + this.held.get();
	}

	/**
	 * Count an item that has ended, keep it among the recent ones, and free its key;
	 * under the take lock.
	 */
	void ended(WorkItem item) {
		this.running.ended(item);
		TypedWork typed = item.typed();
		if (typed != null && typed.liveKey != null) {
			this.liveKeys.remove(typed.liveKey, item);
		}
	}

	void fullyLock() {
		this.putLock.lock();
		this.takeLock.lock();
	}

	void fullyUnlock() {
		this.takeLock.unlock();
		this.putLock.unlock();
	}

	/**
	 * Wake an idle worker, if a place is free; not under the take lock.
	 */
	void signalWorkAvailable() {
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

	/**
	 * Wake an idle worker for an item put into an empty ready queue, unless a worker
	 * spins for it: that one takes it without a wake-up, which would cost the enqueuing
	 * thread a system call. The caller has counted the item in the ready queue before it
	 * reads {@link #spinning}, and a spinner clears {@link #spinning} before it reads the
	 * count one last time, under the take lock: so either the spinner sees the item, or
	 * this sees no spinner and wakes a worker.
	 */
	void signalFirstItem() {
		if (!this.spinning) {
			signalWorkAvailable();
		}
	}

	/**
	 * Wake a caller waiting for room; not under the take lock, which must never be held
	 * when the put lock is taken.
	 */
	void signalRoomAvailable() {
		this.putLock.lock();
		try {
			this.roomAvailable.signal();
		}
		finally {
			this.putLock.unlock();
		}
	}

	/**
	 * Wake the shutdown sequence, if one waits; under the take lock.
	 */
	void signalChanged() {
		if (this.state != QueueState.RUNNING) {
			this.changed.signalAll();
		}
	}

	Instant wallClock(long nanos) {
		return Instant.ofEpochMilli(this.anchorMillis).plusNanos(nanos - this.anchorNanos);
	}

}
