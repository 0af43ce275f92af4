package io.github.backgroundwork.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.github.backgroundwork.CancellationReason;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkProgress;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

/**
 * One accepted item and its life: {@code QUEUED}, then {@code RUNNING}, then one terminal
 * state, reached exactly once. It is the handle given to the caller; the work sees it
 * through an {@link ItemContext} and the pool runs it through the {@link Dispatcher}, so
 * that no view can run or settle it. Kept small, because one exists per queued item.
 */
final class WorkItem implements WorkHandle {

	// Internal states: two transient ones besides WorkState's, so that the times and the
	// failure are written before the state that makes them visible, and by one thread
	static final int QUEUED = 0;

	static final int SCHEDULED = 1;

	static final int STARTING = 2;

	static final int RUNNING = 3;

	static final int SETTLING = 4;

	static final int TERMINAL = 5;

	private static final WorkState[] TERMINAL_STATES = { WorkState.SUCCEEDED, WorkState.FAILED, WorkState.CANCELLED,
			WorkState.ABANDONED };

	private static final VarHandle STATE;

	private static final VarHandle EXTRAS;

	private static final VarHandle EXECUTING;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STATE = lookup.findVarHandle(WorkItem.class, "state", int.class);
			EXTRAS = lookup.findVarHandle(WorkItem.class, "extras", ItemExtras.class);
			EXECUTING = lookup.findVarHandle(WorkItem.class, "executing", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Dispatcher dispatcher;

	final long sequence;

	private final String name;

	private final long enqueuedNanos;

	/**
	 * The work, or a {@link DecoratedWork} holding it; released when the item ends.
	 */
	@Nullable Object work;

	private volatile int state;

	private long startedNanos;

	private long finishedNanos;

	/**
	 * The item's place among the running ones, guarded by the dispatcher's lock:
	 * {@link #NO_SLOT} while queued and once released.
	 */
	int slot = NO_SLOT;

	static final int NO_SLOT = -1;

	static final int INLINE_SLOT = -2;

	/**
	 * Waiting under its name's limit, parked or eligible: no place held.
	 */
	static final int PARKED_SLOT = -3;

	/**
	 * Whether the item left the ready queue as cancelled, guarded by the take lock.
	 */
	boolean removed;

	/**
	 * The next item in the ready queue, guarded by its locks.
	 */
	@Nullable WorkItem next;

	/**
	 * Written by {@link ItemExtras}, under its monitor.
	 */
	volatile boolean cancellationRequested;

	private volatile @Nullable ItemExtras extras;

	/**
	 * Whether the item's work runs: from just before it starts until it returns on its
	 * thread (or, asynchronous, until its stage completes), whatever the item's state
	 * says meanwhile. An item abandoned at the deadline may still execute.
	 */
	private volatile boolean executing;

	WorkItem(Dispatcher dispatcher, long sequence, String name, Object work) {
		this.dispatcher = dispatcher;
		this.sequence = sequence;
		this.name = name;
		this.work = work;
		this.enqueuedNanos = System.nanoTime();
	}

	// --- The handle

	@Override
	public String id() {
		TypedWork typed = typed();
		String storedId = (typed != null) ? typed.storedId : null;
		return (storedId != null) ? storedId : this.dispatcher.ids.format(this.sequence);
	}

	/**
	 * Whether this item runs a row of a durable store, which takes it back when the queue
	 * does not finish it.
	 */
	boolean isStored() {
		TypedWork typed = typed();
		return typed != null && typed.storedId != null;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public WorkState state() {
		return stateOf(this.state);
	}

	static WorkState stateOf(int state) {
		return switch (state) {
			case QUEUED, STARTING -> WorkState.QUEUED;
			case SCHEDULED -> WorkState.SCHEDULED;
			case RUNNING, SETTLING -> WorkState.RUNNING;
			default -> TERMINAL_STATES[state - TERMINAL];
		};
	}

	int internalState() {
		return this.state;
	}

	boolean isTerminal() {
		return this.state >= TERMINAL;
	}

	@Override
	public Duration waitTime() {
		int state = this.state;
		long end = (state >= RUNNING && this.startedNanos != 0) ? this.startedNanos
				: (state >= TERMINAL) ? this.finishedNanos : System.nanoTime();
		// Typed work waits from when it was due: after its delay, or its retry's backoff
		TypedWork typed = typed();
		long from = (typed != null) ? Math.max(this.enqueuedNanos, typed.dueNanos) : this.enqueuedNanos;
		return Duration.ofNanos(Math.max(0, end - from));
	}

	@Override
	public Duration runTime() {
		int state = this.state;
		if (state < RUNNING || this.startedNanos == 0) {
			return Duration.ZERO;
		}
		return Duration.ofNanos(((state >= TERMINAL) ? this.finishedNanos : System.nanoTime()) - this.startedNanos);
	}

	@Override
	public WorkItemSnapshot snapshot() {
		return ItemSnapshots.of(this);
	}

	/**
	 * Return what typed work this item runs, if it is typed.
	 */
	@Nullable TypedWork typed() {
		Object work = this.work;
		if (work instanceof DecoratedWork decorated) {
			work = decorated.work;
		}
		return (work instanceof TypedWork typed) ? typed : null;
	}

	@Override
	public @Nullable Throwable failure() {
		ItemExtras extras = this.extras;
		return (extras != null && state() == WorkState.FAILED) ? extras.failure : null;
	}

	@Override
	public int attempts() {
		return attempts(this.state >= RUNNING || this.startedNanos != 0);
	}

	int attempts(boolean started) {
		TypedWork typed = typed();
		return (typed != null) ? typed.attempts : (started ? 1 : 0);
	}

	@Override
	public boolean cancel() {
		if (isTerminal()) {
			return false;
		}
		requestCancellation(CancellationReason.CANCELLED);
		this.dispatcher.cancelQueued(this);
		return true;
	}

	@Override
	public CompletionStage<Void> completion() {
		ItemExtras extras = extras();
		CompletionFuture future = extras.completion;
		if (future == null) {
			synchronized (extras) {
				future = extras.completion;
				if (future == null) {
					future = new CompletionFuture();
					extras.completion = future;
				}
			}
			if (this.dispatcher.hasEnded(this)) {
				future.settle(this);
			}
		}
		return future;
	}

	// --- Transitions, each won by exactly one thread

	/**
	 * Leave the queue for a worker or the caller; under the take lock, where every
	 * transition out of {@code QUEUED} happens, so a plain release write is enough.
	 */
	void take() {
		STATE.setRelease(this, STARTING);
		TypedWork typed = typed();
		if (typed != null) {
			typed.attempts++;
		}
	}

	/**
	 * Start running, on the thread that runs the work.
	 * @param now the time it starts
	 * @return whether it started; {@code false} if it was abandoned since it was taken
	 */
	boolean begin(long now) {
		// The worker may have read the clock for its last item before this one came
		this.startedNanos = Math.max(now, this.enqueuedNanos);
		// Set first: a thread that sees the item abandoned at the deadline must not see
		// it not executing while its work is about to start. A release write is enough:
		// the compare-and-set below orders it before the state that thread reads, and
		// saves the fence of a volatile write per item.
		EXECUTING.setRelease(this, true);
		// Races with abandonment at the deadline, which happens under the take lock
		if (STATE.compareAndSet(this, STARTING, RUNNING)) {
			return true;
		}
		this.executing = false;
		return false;
	}

	/**
	 * Say that the work has returned on its thread, or that its stage has completed;
	 * before the item is settled, so that an ended item that is not executing stays so.
	 */
	void executionEnded() {
		// A release write: the item settles next, under the take lock, which publishes
		// it to the threads that read it there (the shutdown's); a volatile write's fence
		// per item would buy nothing more
		EXECUTING.setRelease(this, false);
	}

	/**
	 * Whether the item's work runs now, even if the item has ended (abandoned at the
	 * deadline while its thread ignores the interrupt).
	 */
	boolean isExecuting() {
		return this.executing;
	}

	/**
	 * End a queued item without running it; under the take lock.
	 */
	boolean endQueued(WorkState outcome, long now) {
		if (this.state != QUEUED && this.state != SCHEDULED) {
			return false;
		}
		publishEnd(outcome, null, now);
		return true;
	}

	/**
	 * End a running (or just taken) item with the given outcome; under the take lock.
	 * @return whether this call ended it
	 */
	boolean endRunning(WorkState outcome, @Nullable Throwable failure, long now) {
		int state = this.state;
		if (state == STARTING) {
			// Only begin() runs outside the take lock: win against it, or be RUNNING
			if (!STATE.compareAndSet(this, STARTING, SETTLING)) {
				state = this.state;
			}
			else {
				publishEnd(outcome, failure, now);
				return true;
			}
		}
		if (state != RUNNING) {
			return false;
		}
		publishEnd(outcome, failure, now);
		return true;
	}

	private void publishEnd(WorkState outcome, @Nullable Throwable failure, long now) {
		this.finishedNanos = now;
		if (failure != null) {
			extras().failure = failure;
		}
		// A release write publishes the time and failure to readers of the state; the
		// completion is ordered against completion() by the take lock, under which every
		// item ends and completion() reads the state
		STATE.setRelease(this, TERMINAL + outcome.ordinal() - WorkState.SUCCEEDED.ordinal());
		// Lambdas are released; a typed request is kept, for the history and for the
		// report of abandoned work, from which it can be enqueued again
		this.work = typed();
	}

	/**
	 * Wait for a time before running: a delay, or the backoff before a retry; under the
	 * take lock.
	 */
	void schedule() {
		STATE.setRelease(this, SCHEDULED);
	}

	/**
	 * Wait for a place again, when a due scheduled item is parked under its name's limit;
	 * under the take lock.
	 */
	void requeue() {
		STATE.setRelease(this, QUEUED);
	}

	/**
	 * Go back to waiting after a failed attempt, to be retried; under the take lock.
	 * @return whether it was still running, and not abandoned meanwhile
	 */
	boolean scheduleRetry() {
		if (this.state != RUNNING) {
			return false;
		}
		STATE.setRelease(this, SCHEDULED);
		return true;
	}

	/**
	 * Complete the stage of {@link #completion()}, if anyone asked for it; called once
	 * the item has ended and has been counted, outside the dispatcher's lock.
	 */
	void completeFuture() {
		ItemExtras extras = this.extras;
		CompletionFuture future = (extras != null) ? extras.completion : null;
		if (future != null) {
			future.settle(this);
		}
	}

	// --- Cancellation, progress, and what the context needs

	boolean isCancellationRequested() {
		return this.cancellationRequested;
	}

	/**
	 * Return why cancellation was requested, or {@code null} if it was not.
	 */
	@Nullable CancellationReason cancellationReason() {
		if (!this.cancellationRequested) {
			return null;
		}
		ItemExtras extras = this.extras;
		return (extras != null) ? extras.cancellationReason : null;
	}

	/**
	 * Whether the queue's shutdown asked the item to stop, and nobody cancelled it: it
	 * ends {@link WorkState#ABANDONED} however its work ends.
	 */
	boolean isStoppedByShutdown() {
		return cancellationReason() == CancellationReason.SHUTDOWN;
	}

	void requestCancellation(CancellationReason reason) {
		extras().requestCancellation(this, reason);
	}

	void onCancellation(Runnable callback) {
		extras().onCancellation(this, callback);
	}

	void reportProgress(long done, long total) {
		extras().progress = new WorkProgress(done, total);
	}

	ItemExtras extras() {
		ItemExtras extras = this.extras;
		if (extras == null) {
			ItemExtras created = new ItemExtras();
			extras = (ItemExtras) EXTRAS.compareAndExchange(this, null, created);
			if (extras == null) {
				extras = created;
			}
		}
		return extras;
	}

	@Nullable ItemExtras extrasIfAny() {
		return this.extras;
	}

	long enqueuedNanos() {
		return this.enqueuedNanos;
	}

	long startedNanos() {
		return this.startedNanos;
	}

	long finishedNanos() {
		return this.finishedNanos;
	}

	@Override
	public String toString() {
		return "'" + this.name + "' (" + id() + ", " + state() + ")";
	}

}
