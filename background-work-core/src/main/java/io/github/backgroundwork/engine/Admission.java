package io.github.backgroundwork.engine;

import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkRejectedException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The put side of the {@link ItemRegistry}: accepts an item into the ready queue, waits
 * for room or runs it on the caller's thread as the when-full policy says, or refuses it
 * with the reason. One acquisition of the put lock per item.
 */
final class Admission {

	/**
	 * How often one caller waiting for room looks for it on its own: room made without
	 * reaching the room mark lets a caller in this late at most.
	 */
	static final long LOOK_FOR_ROOM_NANOS = 5_000_000;

	private final ItemRegistry registry;

	private final Dispatcher dispatcher;

	private final ItemRunner runner;

	private final WorkEvents events;

	Admission(ItemRegistry registry, Dispatcher dispatcher, ItemRunner runner, WorkEvents events) {
		this.registry = registry;
		this.dispatcher = dispatcher;
		this.runner = runner;
		this.events = events;
	}

	/**
	 * Accept an item, or refuse it with a {@link WorkRejectedException}.
	 * @param name the item's name
	 * @param work the work
	 * @return the accepted item
	 */
	WorkItem submit(String name, Object work) {
		WorkItem item = new WorkItem(this.dispatcher, this.registry.sequence.incrementAndGet(), name, work);
		// Decorators run outside the locks: they may be slow, and they may
		// throw, in which case nothing was accepted
		this.runner.decorate(item);
		Reason refusal;
		int before = -1;
		boolean inline = false;
		this.registry.putLock.lock();
		try {
			refusal = admit(1);
			if (refusal == null) {
				before = this.registry.ready.link(item);
				this.registry.counts.accepted();
				signalNextCaller();
			}
			else if (refusal == Reason.CAPACITY && this.registry.settings.whenFull() == WhenFull.CALLER_RUNS
					&& this.registry.dispatching && !isPaused(name)) {
				inline = occupyInline(item);
				this.registry.counts.accepted();
			}
			else {
				this.registry.counts.rejected();
			}
		}
		finally {
			this.registry.putLock.unlock();
		}
		if (before == 0) {
			this.registry.signalFirstItem();
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
	 * Let the next caller waiting for room try, if there is room left; under the put
	 * lock.
	 */
	void signalNextCaller() {
		if (this.registry.blockedCallers > 0 && this.registry.waiting() < this.registry.settings.capacity()) {
			this.registry.roomAvailable.signal();
		}
	}

	/**
	 * Decide, under the put lock, whether there is room for {@code count} items; waits
	 * for it with {@link WhenFull#BLOCK}.
	 * <p>
	 * A waiting caller is woken when the workers have made room down to the
	 * {@linkplain ItemRegistry#roomMark room mark}, an eighth of the capacity, rather
	 * than at every item they take: a caller that outpaces the workers then pays one
	 * wake-up per batch of items. So that room made without reaching the mark, by workers
	 * that take a few items and then run long ones, is not missed, one waiting caller at
	 * a time also looks for room on its own every {@link #LOOK_FOR_ROOM_NANOS}, and hands
	 * that over to another waiting caller when it leaves.
	 * @param count how many items need room
	 * @return why they are refused, or {@code null} if there is room
	 */
	@Nullable Reason admit(int count) {
		ItemRegistry registry = this.registry;
		if (registry.state != QueueState.RUNNING) {
			return Reason.SHUTTING_DOWN;
		}
		int capacity = registry.settings.capacity();
		if (registry.waiting() + count <= capacity) {
			return null;
		}
		if (registry.settings.whenFull() != WhenFull.BLOCK || count > capacity) {
			return Reason.CAPACITY;
		}
		long remaining = registry.settings.blockTimeout().toNanos();
		registry.blockedCallers++;
		if (count > 1) {
			registry.batchCallers++;
		}
		boolean looks = false;
		try {
			while (registry.waiting() + count > capacity && registry.state == QueueState.RUNNING) {
				if (remaining <= 0) {
					return Reason.CAPACITY;
				}
				if (!looks && !registry.callerLooksForRoom) {
					registry.callerLooksForRoom = true;
					looks = true;
				}
				if (looks) {
					long wait = Math.min(remaining, LOOK_FOR_ROOM_NANOS);
					remaining -= wait - registry.roomAvailable.awaitNanos(wait);
				}
				else {
					remaining = registry.roomAvailable.awaitNanos(remaining);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Reason.INTERRUPTED;
		}
		finally {
			registry.blockedCallers--;
			if (count > 1) {
				registry.batchCallers--;
			}
			if (looks) {
				registry.callerLooksForRoom = false;
				if (registry.blockedCallers > 0) {
					// Another waiting caller looks from now on
					registry.roomAvailable.signal();
				}
			}
		}
		return (registry.state != QueueState.RUNNING) ? Reason.SHUTTING_DOWN : null;
	}

	private boolean occupyInline(WorkItem item) {
		this.registry.takeLock.lock();
		try {
			item.take();
			this.registry.running.occupyInline(item);
			return true;
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	WorkRejectedException refuse(WorkItem item, Reason reason) {
		return refuse(item.name(), "", reason);
	}

	/**
	 * Make the exception for a refusal, and tell the listeners.
	 * @param name the name of the refused work
	 * @param which which request of a batch, or empty
	 * @param reason why
	 * @return the exception to throw
	 */
	WorkRejectedException refuse(String name, String which, Reason reason) {
		String message = switch (reason) {
			case SHUTTING_DOWN -> "Background work '" + name + "'" + which
					+ " was refused: the queue is shutting down (" + this.registry.state + ")";
			case INTERRUPTED -> "Background work '" + name + "'" + which
					+ " was refused: the enqueuing thread was interrupted while it waited for room";
			case CAPACITY -> "Background work '" + name + "'" + which + " was refused: queue capacity "
					+ this.registry.settings.capacity() + " reached"
					+ ((this.registry.settings.whenFull() == WhenFull.BLOCK)
							? " and no room within " + this.registry.settings.blockTimeout() : "");
		};
		WorkRejectedException ex = new WorkRejectedException(reason, message);
		this.events.rejected(name, ex);
		return ex;
	}

	/**
	 * Whether items of a name may not start now: one of a paused name must not run on the
	 * caller's thread either. Under the put lock, which may take the take lock.
	 */
	private boolean isPaused(String name) {
		this.registry.takeLock.lock();
		try {
			return this.registry.limits.isPaused(name);
		}
		finally {
			this.registry.takeLock.unlock();
		}
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
			this.dispatcher.settle(item, outcome.state, outcome.failure);
		}
	}

}
