package io.github.backgroundwork.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.backgroundwork.CancellationReason;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkProgress;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

/**
 * One item of a {@link SynchronousBackgroundWorkQueue}: its handle and its work's
 * context.
 */
final class SynchronousWorkItem implements WorkHandle, WorkContext {

	private final String id;

	private final String name;

	private final Clock clock;

	private final Instant enqueuedAt;

	private final CompletableFuture<Void> completion = new CompletableFuture<>();

	private final List<Runnable> cancellationCallbacks = new ArrayList<>();

	private volatile WorkState state = WorkState.RUNNING;

	private volatile @Nullable Instant finishedAt;

	private volatile boolean cancellationRequested;

	private volatile @Nullable WorkProgress progress;

	private volatile @Nullable WorkError error;

	/**
	 * The request of typed work, so that an operator can have it run again.
	 */
	final @Nullable WorkRequest request;

	private final @Nullable Instant retriedAt;

	/**
	 * The attempts of the runs that ended before an operator had it run again, oldest
	 * first, without their stack traces.
	 */
	private final List<WorkAttempt> earlierAttempts;

	SynchronousWorkItem(String id, String name, Clock clock, @Nullable WorkRequest request, @Nullable Instant retriedAt,
			List<WorkAttempt> earlierAttempts) {
		this.id = id;
		this.name = name;
		this.clock = clock;
		this.enqueuedAt = clock.instant();
		this.request = request;
		this.retriedAt = retriedAt;
		this.earlierAttempts = List.copyOf(earlierAttempts);
	}

	/**
	 * Return every attempt, for the item an operator has run again: the most recent
	 * {@code max}, only the latest failure with its stack trace.
	 */
	List<WorkAttempt> attemptsToCarry(int max) {
		List<WorkAttempt> all = snapshot().history();
		List<WorkAttempt> carried = new ArrayList<>();
		for (WorkAttempt attempt : all.subList(Math.max(0, all.size() - max), all.size())) {
			WorkError failure = attempt.error();
			carried.add((failure == null || failure.stackTrace() == null) ? attempt
					: new WorkAttempt(attempt.attempt(), attempt.startedAt(), attempt.finishedAt(), attempt.duration(),
							attempt.owner(), attempt.outcome(), new WorkError(failure.type(), failure.message())));
		}
		return carried;
	}

	/**
	 * End the item: succeeded if {@code failure} is {@code null}; cancelled if
	 * cancellation was requested and the failure says so; failed otherwise.
	 */
	void finish(@Nullable Throwable failure) {
		this.finishedAt = this.clock.instant();
		if (failure == null) {
			this.state = WorkState.SUCCEEDED;
			this.completion.complete(null);
		}
		else if (this.cancellationRequested
				&& (failure instanceof CancellationException || failure instanceof InterruptedException)) {
			this.state = WorkState.CANCELLED;
			this.completion.completeExceptionally(
					new CancellationException("Background work '" + this.name + "' (" + this.id + ") was cancelled"));
		}
		else {
			this.state = WorkState.FAILED;
			this.error = WorkError.of(failure);
			this.completion.completeExceptionally(failure);
		}
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public WorkState state() {
		return this.state;
	}

	@Override
	public Duration waitTime() {
		return Duration.ZERO;
	}

	@Override
	public Duration runTime() {
		Instant end = this.finishedAt;
		return Duration.between(this.enqueuedAt, (end != null) ? end : this.clock.instant());
	}

	@Override
	public WorkItemSnapshot snapshot() {
		return new WorkItemSnapshot(this.id, this.name, this.state, this.enqueuedAt, this.enqueuedAt, this.finishedAt,
				runTime(), this.progress, this.error, false, 1, (this.request != null) ? this.request.key() : null,
				null, this.request, this.retriedAt, history());
	}

	private List<WorkAttempt> history() {
		// Its one attempt started when it was accepted: it runs at once
		List<WorkAttempt> history = new ArrayList<>(this.earlierAttempts);
		history.add(new WorkAttempt(1, this.enqueuedAt, this.finishedAt, runTime(), null, this.state, this.error));
		return history;
	}

	/**
	 * Request cancellation: the work, which is running on the thread that enqueued it or
	 * has already ended, is told through its context.
	 */
	@Override
	public boolean cancel() {
		if (this.state.isTerminal()) {
			return false;
		}
		List<Runnable> callbacks;
		synchronized (this.cancellationCallbacks) {
			this.cancellationRequested = true;
			callbacks = List.copyOf(this.cancellationCallbacks);
			this.cancellationCallbacks.clear();
		}
		callbacks.forEach(Runnable::run);
		return true;
	}

	@Override
	public CompletionStage<Void> completion() {
		return this.completion;
	}

	@Override
	public boolean isCancellationRequested() {
		return this.cancellationRequested;
	}

	/**
	 * Only {@link #cancel()} requests cancellation here: this queue never stops work it
	 * runs.
	 */
	@Override
	public Optional<CancellationReason> cancellationReason() {
		return this.cancellationRequested ? Optional.of(CancellationReason.CANCELLED) : Optional.empty();
	}

	@Override
	public void onCancellation(Runnable callback) {
		synchronized (this.cancellationCallbacks) {
			if (!this.cancellationRequested) {
				this.cancellationCallbacks.add(callback);
				return;
			}
		}
		callback.run();
	}

	@Override
	public void reportProgress(long done, long total) {
		this.progress = new WorkProgress(done, total);
	}

}
