package io.github.backgroundwork;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One accepted item: its handle, its context and the runnable the pool executes. Kept
 * small because one exists per queued item.
 *
 * @since 0.1.0
 */
final class WorkItem implements WorkHandle, WorkContext, Runnable {

	private static final Log logger = LogFactory.getLog(WorkItem.class);

	private static final VarHandle STATE;

	private static final VarHandle SETTLED;

	private static final VarHandle COMPLETION;

	private static final VarHandle STARTED_NANOS;

	private static final VarHandle FINISHED_NANOS;

	private static final VarHandle FAILURE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STATE = lookup.findVarHandle(WorkItem.class, "state", WorkState.class);
			SETTLED = lookup.findVarHandle(WorkItem.class, "settled", boolean.class);
			COMPLETION = lookup.findVarHandle(WorkItem.class, "completion", CompletableFuture.class);
			STARTED_NANOS = lookup.findVarHandle(WorkItem.class, "startedNanos", long.class);
			FINISHED_NANOS = lookup.findVarHandle(WorkItem.class, "finishedNanos", long.class);
			FAILURE = lookup.findVarHandle(WorkItem.class, "failure", Throwable.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final DefaultBackgroundWorkQueue queue;

	/**
	 * The item's number, boxed once: it is also the item's key among those in flight.
	 */
	private final Long key;

	private final String name;

	private final long enqueuedNanos;

	private @Nullable Object work;

	private @Nullable Runnable decorated;

	private volatile WorkState state;

	private volatile boolean settled;

	private volatile boolean abandoned;

	private volatile boolean cancellationRequested;

	private volatile long startedNanos;

	private volatile long finishedNanos;

	private volatile @Nullable WorkProgress progress;

	private volatile @Nullable Throwable failure;

	private volatile @Nullable CompletableFuture<Void> completion;

	private volatile @Nullable Thread inlineRunner;

	private volatile @Nullable CompletionStage<?> stage;

	private @Nullable List<Runnable> cancellationCallbacks;

	WorkItem(DefaultBackgroundWorkQueue queue, long sequence, String name, Object work) {
		this.queue = queue;
		this.key = sequence;
		this.name = name;
		this.work = work;
		this.enqueuedNanos = System.nanoTime();
		// A plain write: enqueue publishes the item safely, and a volatile write would
		// cost the caller a fence per item
		STATE.set(this, WorkState.QUEUED);
	}

	long sequence() {
		return this.key;
	}

	Long key() {
		return this.key;
	}

	void decorate(List<WorkDecorator> decorators) {
		Runnable execution = this::execute;
		for (int i = decorators.size() - 1; i >= 0; i--) {
			execution = decorators.get(i).decorate(this, execution);
		}
		this.decorated = execution;
	}

	// --- WorkInfo and WorkHandle

	@Override
	public String id() {
		return this.key.toString();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public WorkState state() {
		return this.state;
	}

	boolean isAbandoned() {
		return this.abandoned;
	}

	long finishedNanos() {
		return this.finishedNanos;
	}

	@Override
	public Duration waitTime() {
		long started = this.startedNanos;
		if (started != 0) {
			return Duration.ofNanos(started - this.enqueuedNanos);
		}
		long finished = this.finishedNanos;
		return Duration.ofNanos(((finished != 0) ? finished : System.nanoTime()) - this.enqueuedNanos);
	}

	@Override
	public Duration runTime() {
		long started = this.startedNanos;
		if (started == 0) {
			return Duration.ZERO;
		}
		long finished = this.finishedNanos;
		return Duration.ofNanos(((finished != 0) ? finished : System.nanoTime()) - started);
	}

	@Override
	public WorkItemSnapshot snapshot() {
		long started = this.startedNanos;
		long finished = this.finishedNanos;
		Throwable failure = this.failure;
		WorkState state = this.state;
		return new WorkItemSnapshot(id(), this.name, state, this.queue.wallClock(this.enqueuedNanos),
				(started != 0) ? this.queue.wallClock(started) : null,
				(finished != 0) ? this.queue.wallClock(finished) : null, (started != 0) ? runTime() : null,
				this.progress, (failure != null && state == WorkState.FAILED) ? WorkError.of(failure) : null,
				this.abandoned);
	}

	@Override
	public boolean cancel() {
		if (this.settled || this.state.isTerminal()) {
			return false;
		}
		requestCancellation();
		if (STATE.compareAndSet(this, WorkState.QUEUED, WorkState.CANCELLED)) {
			this.finishedNanos = System.nanoTime();
			this.queue.dequeued(this);
			settle(false, false);
		}
		return true;
	}

	@Override
	@SuppressWarnings("unchecked")
	public CompletionStage<Void> completion() {
		CompletableFuture<Void> future = this.completion;
		if (future == null) {
			CompletableFuture<Void> created = new CompletableFuture<>();
			future = (CompletableFuture<Void>) COMPLETION.compareAndExchange(this, null, created);
			if (future == null) {
				future = created;
				if (this.settled) {
					complete(future);
				}
			}
		}
		// Returned as is: the queue never reads it, so a caller completing it only
		// changes its own view, and join() throws CancellationException unwrapped
		return future;
	}

	// --- WorkContext

	@Override
	public boolean isCancellationRequested() {
		return this.cancellationRequested;
	}

	@Override
	public void onCancellation(Runnable callback) {
		if (callback == null) {
			throw new IllegalArgumentException("callback must not be null");
		}
		synchronized (this) {
			if (!this.cancellationRequested) {
				if (this.cancellationCallbacks == null) {
					this.cancellationCallbacks = new ArrayList<>(2);
				}
				this.cancellationCallbacks.add(callback);
				return;
			}
		}
		runCallback(callback);
	}

	@Override
	public void reportProgress(long done, long total) {
		this.progress = new WorkProgress(done, total);
	}

	// --- Execution

	/**
	 * Run on a worker (or the caller, with caller-runs). Skips work that was cancelled or
	 * abandoned before it started.
	 */
	@Override
	public void run() {
		if (!STATE.compareAndSet(this, WorkState.QUEUED, WorkState.RUNNING)) {
			return;
		}
		// Release writes on the hot path: no fence each, and readers see them no later
		// than the state written after them
		STARTED_NANOS.setRelease(this, System.nanoTime());
		this.queue.started(this);
		Runnable decorated = this.decorated;
		try {
			if (decorated != null) {
				decorated.run();
			}
			else {
				execute();
			}
		}
		catch (Throwable ex) {
			// Only a decorator can get here: execute() catches everything the work throws
			finish(ex);
		}
		if (decorated != null && this.stage == null && this.state == WorkState.RUNNING && this.work != null) {
			finish(new IllegalStateException(
					"A WorkDecorator returned without running background work '" + this.name + "' (" + id() + ")"));
		}
	}

	void runInline() {
		this.inlineRunner = Thread.currentThread();
		try {
			run();
		}
		finally {
			this.inlineRunner = null;
		}
	}

	private void execute() {
		Object work = this.work;
		if (work == null) {
			return;
		}
		if (work instanceof AsyncBackgroundWork async) {
			executeAsync(async);
			return;
		}
		Throwable failure = null;
		try {
			((BackgroundWork) work).run(this);
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finish(failure);
	}

	private void executeAsync(AsyncBackgroundWork work) {
		CompletionStage<?> stage;
		try {
			stage = work.start(this);
		}
		catch (Throwable ex) {
			finish(ex);
			return;
		}
		if (stage == null) {
			finish(new IllegalStateException(
					"AsyncBackgroundWork '" + this.name + "' (" + id() + ") returned a null CompletionStage"));
			return;
		}
		this.stage = stage;
		stage.whenComplete((result,
				ex) -> finish((ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex));
	}

	private void finish(@Nullable Throwable failure) {
		WorkState outcome = outcome(failure);
		long now = System.nanoTime();
		synchronized (this) {
			if (this.state != WorkState.RUNNING) {
				return;
			}
			FAILURE.setRelease(this, failure);
			FINISHED_NANOS.setRelease(this, now);
			this.state = outcome;
		}
		this.work = null;
		this.decorated = null;
		if (outcome == WorkState.FAILED) {
			this.queue.failed(this, failure);
		}
		else if (outcome == WorkState.CANCELLED && logger.isDebugEnabled()) {
			logger.debug("Background work '" + this.name + "' (" + id() + ") was cancelled");
		}
		settle(false, true);
	}

	private WorkState outcome(@Nullable Throwable failure) {
		if (failure == null) {
			return this.cancellationRequested ? WorkState.CANCELLED : WorkState.SUCCEEDED;
		}
		if (this.cancellationRequested
				&& (failure instanceof CancellationException || failure instanceof InterruptedException)) {
			return WorkState.CANCELLED;
		}
		return WorkState.FAILED;
	}

	// --- Cancellation and abandonment

	void requestCancellation() {
		List<Runnable> callbacks;
		synchronized (this) {
			if (this.cancellationRequested) {
				return;
			}
			this.cancellationRequested = true;
			callbacks = this.cancellationCallbacks;
			this.cancellationCallbacks = null;
		}
		if (callbacks != null) {
			callbacks.forEach(this::runCallback);
		}
	}

	private void runCallback(Runnable callback) {
		try {
			callback.run();
		}
		catch (Throwable ex) {
			logger.warn("Cancellation callback of background work '" + this.name + "' (" + id() + ") failed", ex);
		}
	}

	/**
	 * Take back an item that the pool refused, unless a shutdown already abandoned it.
	 * @return whether the item was taken back, and so never accepted
	 */
	boolean withdraw() {
		return STATE.compareAndSet(this, WorkState.QUEUED, WorkState.CANCELLED);
	}

	/**
	 * Abandon an item that never started.
	 * @return whether this call abandoned it
	 */
	boolean abandonQueued() {
		if (!STATE.compareAndSet(this, WorkState.QUEUED, WorkState.CANCELLED)) {
			return false;
		}
		this.cancellationRequested = true;
		this.finishedNanos = System.nanoTime();
		this.queue.dequeued(this);
		this.work = null;
		this.decorated = null;
		return settle(true, false);
	}

	/**
	 * Abandon an item still running at the final deadline: interrupt it if it runs on a
	 * caller's thread (the pool interrupts its own), and stop waiting for it.
	 * @return whether this call abandoned it
	 */
	boolean abandonRunning() {
		if (this.state != WorkState.RUNNING || !settle(true, true)) {
			return false;
		}
		Thread runner = this.inlineRunner;
		if (runner != null) {
			runner.interrupt();
		}
		CompletionStage<?> stage = this.stage;
		if (stage != null) {
			try {
				stage.toCompletableFuture().cancel(true);
			}
			catch (UnsupportedOperationException ex) {
				// A stage that cannot be cancelled from outside keeps running
			}
		}
		return true;
	}

	/**
	 * Record the item's end exactly once: counters, in-flight tracking, history and
	 * completion.
	 */
	private boolean settle(boolean abandon, boolean started) {
		if (!SETTLED.compareAndSet(this, false, true)) {
			return false;
		}
		if (abandon) {
			this.abandoned = true;
		}
		CompletableFuture<Void> future = this.completion;
		this.queue.settled(this, abandon, started);
		if (future != null) {
			complete(future);
		}
		return true;
	}

	private void complete(CompletableFuture<Void> future) {
		if (this.abandoned) {
			future.completeExceptionally(new WorkAbandonedException(
					"Background work '" + this.name + "' (" + id() + ") did not finish before the shutdown deadline"));
			return;
		}
		switch (this.state) {
			case SUCCEEDED -> future.complete(null);
			case CANCELLED -> future.completeExceptionally(
					new CancellationException("Background work '" + this.name + "' (" + id() + ") was cancelled"));
			default -> {
				Throwable failure = this.failure;
				future.completeExceptionally((failure != null) ? failure : new IllegalStateException("failed"));
			}
		}
	}

	@Override
	public String toString() {
		return "'" + this.name + "' (" + id() + ", " + this.state + ")";
	}

}
