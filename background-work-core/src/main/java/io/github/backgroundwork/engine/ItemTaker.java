package io.github.backgroundwork.engine;

import org.jspecify.annotations.Nullable;

/**
 * The take of a worker, under the take lock: the next item that may run, or, if there is
 * none, a wait for one, after a short spin. The {@link Dispatcher}'s workers call it
 * between items.
 */
final class ItemTaker {

	/**
	 * How long an idle worker spins for the next item before it waits: about what a
	 * wake-up costs on a virtual machine (18-22 µs of CPU on the one the benchmarks ran
	 * on).
	 */
	static final long SPIN_NANOS = 20_000;

	private final ItemRegistry registry;

	private final Candidates candidates;

	/**
	 * How long this queue's idle workers spin: not at all on one CPU, where a spinning
	 * worker only keeps the enqueuing thread from running, nor on virtual threads, which
	 * wait without a system call.
	 */
	private final long spinNanos;

	private boolean tookAfterWait;

	ItemTaker(ItemRegistry registry, EngineSettings settings) {
		this.registry = registry;
		this.candidates = new Candidates(registry);
		this.spinNanos = (settings.virtualThreads() || Runtime.getRuntime().availableProcessors() < 2) ? 0 : SPIN_NANOS;
	}

	/**
	 * Whether the last take waited for work, so that the clock read for the end of the
	 * last item is stale; read by the worker that took, under the take lock. Kept here,
	 * where only workers write, rather than with the fields enqueuing threads read.
	 */
	boolean tookAfterWait() {
		return this.tookAfterWait;
	}

	/**
	 * Whether the last take brought the waiting items down to the room mark, where
	 * callers blocked for room are woken; read by the worker that took, under the take
	 * lock.
	 */
	boolean madeRoom() {
		return this.candidates.madeRoom;
	}

	/**
	 * Take the next item that may run, under the take lock: an item its name's limit let
	 * through, then a scheduled item that is due, then the oldest queued item. Waits, if
	 * allowed, until one comes or the earliest scheduled item is due.
	 */
	@Nullable WorkItem take(boolean mayWait) {
		ItemRegistry registry = this.registry;
		this.tookAfterWait = false;
		this.candidates.madeRoom = false;
		boolean spun = false;
		while (registry.dispatching) {
			if (registry.running.hasFreePlace()) {
				WorkItem item = this.candidates.next();
				if (item != null) {
					item.take();
					registry.running.occupy(item);
					if (registry.idleWorkers > 0 && registry.running.hasFreePlace()
							&& (registry.ready.size() > 0 || registry.limits.hasEligible())) {
						registry.workAvailable.signal();
					}
					return item;
				}
			}
			if (!mayWait) {
				return null;
			}
			if (!spun && this.spinNanos > 0 && !registry.spinning && registry.running.hasFreePlace()) {
				spun = true;
				// The clock read for the end of the last item would be stale
				this.tookAfterWait = true;
				spin();
				continue;
			}
			registry.idleWorkers++;
			this.tookAfterWait = true;
			try {
				// Without a free place, a due item cannot run: wait for a place instead
				long due = registry.running.hasFreePlace() ? registry.scheduled.nextDueNanos() : Long.MAX_VALUE;
				if (due == Long.MAX_VALUE) {
					registry.workAvailable.awaitUninterruptibly();
				}
				else {
					registry.workAvailable.awaitNanos(due - System.nanoTime());
				}
			}
			catch (InterruptedException ex) {
				// Workers are interrupted only to stop abandoned work: carry on
			}
			finally {
				registry.idleWorkers--;
			}
		}
		return null;
	}

	/**
	 * Spin briefly for the next item outside the take lock, one worker at a time, before
	 * waiting: an item enqueued meanwhile is taken without waking a worker, so that an
	 * enqueue on a queue that has just become idle costs no system call. Called and
	 * returns under the take lock; the caller looks for an item again.
	 */
	private void spin() {
		ItemRegistry registry = this.registry;
		registry.spinning = true;
		registry.takeLock.unlock();
		try {
			long deadline = System.nanoTime() + this.spinNanos;
			for (int i = 1; registry.ready.size() == 0 && registry.dispatching; i++) {
				if ((i & 63) == 0 && System.nanoTime() - deadline > 0) {
					break;
				}
				Thread.onSpinWait();
			}
		}
		finally {
			registry.takeLock.lock();
			// Before the caller reads the ready queue's count again: see signalFirstItem
			registry.spinning = false;
		}
	}

}
