package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkState;

import org.jspecify.annotations.Nullable;

/**
 * One row of the store as the read side shows it.
 *
 * @param id the item's id
 * @param name the work's name
 * @param key the item's key, or {@code null}
 * @param payloadType the payload's class name
 * @param state the item's state
 * @param attempts runs started so far
 * @param maxRetries how many times the item may run again after its first attempt
 * @param notBefore the earliest time it may start
 * @param owner the instance that claimed it last, or {@code null} if none did
 * @param leaseUntil when the owner's claim expires, or {@code null} when it is not
 * running
 * @param enqueuedAt when it was inserted
 * @param startedAt when its latest attempt started, or {@code null}
 * @param finishedAt when it ended, or {@code null} while it is live
 * @param error the error of its latest failure, or {@code null}
 * @param unreadableBy the instance that last claimed it and could not read it (its
 * payload's class or handler is missing there, say), so handed it back for another
 * instance, or {@code null}; kept while it waits, cleared when it is next claimed
 * @param unreadableReason why that instance could not read it, or {@code null}
 * @param retriedAt when an operator last had it run again after it ended, or {@code null}
 * if none did
 * @param queue the queue that stores and claims it, or {@code null} if not read
 * @param stackTrace the stack trace of its latest failure, cut to a bound, or
 * {@code null}
 * @param earlierAttempts the attempts before its latest one that ended and let it run
 * again, oldest first, as far as the row keeps them
 * @param endedRunAttempts how many of {@code earlierAttempts}, the first ones, are those
 * of runs that ended before an operator had it run again (the attempts of each run are
 * numbered from 1)
 * @since 0.1.0
 */
public record StoredWork(String id, String name, @Nullable String key, String payloadType, StoredState state,
		int attempts, int maxRetries, Instant notBefore, @Nullable String owner, @Nullable Instant leaseUntil,
		Instant enqueuedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error,
		@Nullable String unreadableBy, @Nullable String unreadableReason, @Nullable Instant retriedAt,
		@Nullable String queue, @Nullable String stackTrace, List<WorkAttempt> earlierAttempts, int endedRunAttempts) {

	/**
	 * Create a row.
	 */
	public StoredWork {
		earlierAttempts = List.copyOf(earlierAttempts);
		endedRunAttempts = Math.max(0, Math.min(endedRunAttempts, earlierAttempts.size()));
	}

	/**
	 * Create a row no operator had run again after it ended.
	 * @param id the item's id
	 * @param name the work's name
	 * @param key the item's key, or {@code null}
	 * @param payloadType the payload's class name
	 * @param state the item's state
	 * @param attempts runs started so far
	 * @param maxRetries how many times the item may run again after its first attempt
	 * @param notBefore the earliest time it may start
	 * @param owner the instance that claimed it last, or {@code null}
	 * @param leaseUntil when the owner's claim expires, or {@code null}
	 * @param enqueuedAt when it was inserted
	 * @param startedAt when its latest attempt started, or {@code null}
	 * @param finishedAt when it ended, or {@code null}
	 * @param error the error of its latest failure, or {@code null}
	 * @param unreadableBy the instance that could not read it, or {@code null}
	 * @param unreadableReason why, or {@code null}
	 * @param retriedAt when an operator last had it run again, or {@code null}
	 * @param queue the queue that stores and claims it, or {@code null}
	 * @param stackTrace the stack trace of its latest failure, or {@code null}
	 * @param earlierAttempts the attempts before its latest one, oldest first
	 */
	public StoredWork(String id, String name, @Nullable String key, String payloadType, StoredState state, int attempts,
			int maxRetries, Instant notBefore, @Nullable String owner, @Nullable Instant leaseUntil, Instant enqueuedAt,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error,
			@Nullable String unreadableBy, @Nullable String unreadableReason, @Nullable Instant retriedAt,
			@Nullable String queue, @Nullable String stackTrace, List<WorkAttempt> earlierAttempts) {
		this(id, name, key, payloadType, state, attempts, maxRetries, notBefore, owner, leaseUntil, enqueuedAt,
				startedAt, finishedAt, error, unreadableBy, unreadableReason, retriedAt, queue, stackTrace,
				earlierAttempts, 0);
	}

	/**
	 * Create a row no operator retried, without its history, as before rows kept one.
	 * @param id the item's id
	 * @param name the work's name
	 * @param key the item's key, or {@code null}
	 * @param payloadType the payload's class name
	 * @param state the item's state
	 * @param attempts runs started so far
	 * @param maxRetries how many times the item may run again after its first attempt
	 * @param notBefore the earliest time it may start
	 * @param owner the instance that claimed it last, or {@code null}
	 * @param leaseUntil when the owner's claim expires, or {@code null}
	 * @param enqueuedAt when it was inserted
	 * @param startedAt when its latest attempt started, or {@code null}
	 * @param finishedAt when it ended, or {@code null}
	 * @param error the error of its latest failure, or {@code null}
	 * @param unreadableBy the instance that could not read it, or {@code null}
	 * @param unreadableReason why, or {@code null}
	 */
	public StoredWork(String id, String name, @Nullable String key, String payloadType, StoredState state, int attempts,
			int maxRetries, Instant notBefore, @Nullable String owner, @Nullable Instant leaseUntil, Instant enqueuedAt,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error,
			@Nullable String unreadableBy, @Nullable String unreadableReason) {
		this(id, name, key, payloadType, state, attempts, maxRetries, notBefore, owner, leaseUntil, enqueuedAt,
				startedAt, finishedAt, error, unreadableBy, unreadableReason, null, null, null, List.of());
	}

	/**
	 * Create a row that no instance failed to read, as before rows recorded that.
	 * @param id the item's id
	 * @param name the work's name
	 * @param key the item's key, or {@code null}
	 * @param payloadType the payload's class name
	 * @param state the item's state
	 * @param attempts runs started so far
	 * @param maxRetries how many times the item may run again after its first attempt
	 * @param notBefore the earliest time it may start
	 * @param owner the instance that claimed it last, or {@code null}
	 * @param leaseUntil when the owner's claim expires, or {@code null}
	 * @param enqueuedAt when it was inserted
	 * @param startedAt when its latest attempt started, or {@code null}
	 * @param finishedAt when it ended, or {@code null}
	 * @param error the error of its latest failure, or {@code null}
	 */
	public StoredWork(String id, String name, @Nullable String key, String payloadType, StoredState state, int attempts,
			int maxRetries, Instant notBefore, @Nullable String owner, @Nullable Instant leaseUntil, Instant enqueuedAt,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error) {
		this(id, name, key, payloadType, state, attempts, maxRetries, notBefore, owner, leaseUntil, enqueuedAt,
				startedAt, finishedAt, error, null, null);
	}

	/**
	 * Return the error of its latest failure, with its stack trace. The store keeps an
	 * error as {@code Throwable.toString()}: {@code type: message}; a text that does not
	 * start with a class name (a failure before the work started) has the type
	 * {@code error}.
	 * @return the error, or {@code null} if it has none
	 */
	public @Nullable WorkError workError() {
		return parseError(this.error, this.stackTrace);
	}

	/**
	 * Return every attempt, oldest first: those of runs that ended before an operator had
	 * it run again, then those of its latest run, the earlier ones the row keeps, then
	 * the latest one from the row's own columns; an attempt the row does not describe
	 * (its instance died while it ran, and the rescuer queued it again) is
	 * {@code ABANDONED}, with nothing else known.
	 * @return the attempts; empty if it never started
	 */
	public List<WorkAttempt> history() {
		WorkAttempt[] byNumber = new WorkAttempt[Math.max(0, this.attempts)];
		List<WorkAttempt> endedRuns = this.earlierAttempts.subList(0, this.endedRunAttempts);
		for (WorkAttempt attempt : this.earlierAttempts.subList(this.endedRunAttempts, this.earlierAttempts.size())) {
			if (attempt.attempt() >= 1 && attempt.attempt() <= byNumber.length) {
				byNumber[attempt.attempt() - 1] = attempt;
			}
		}
		boolean latestShown = this.state == StoredState.RUNNING || this.state == StoredState.SUCCEEDED
				|| this.state == StoredState.FAILED || this.state == StoredState.CANCELLED;
		if (byNumber.length > 0 && byNumber[byNumber.length - 1] == null && latestShown && this.startedAt != null) {
			Instant end = (this.finishedAt != null) ? this.finishedAt : Instant.now();
			byNumber[byNumber.length - 1] = new WorkAttempt(this.attempts, this.startedAt, this.finishedAt,
					end.isBefore(this.startedAt) ? Duration.ZERO : Duration.between(this.startedAt, end), this.owner,
					WorkState.valueOf(this.state.name()), workError());
		}
		List<WorkAttempt> history = new ArrayList<>(endedRuns.size() + byNumber.length);
		history.addAll(endedRuns);
		for (int i = 0; i < byNumber.length; i++) {
			history.add((byNumber[i] != null) ? byNumber[i]
					: new WorkAttempt(i + 1, null, null, null, null, WorkState.ABANDONED, null));
		}
		return history;
	}

	static @Nullable WorkError parseError(@Nullable String error, @Nullable String stackTrace) {
		if (error == null) {
			return null;
		}
		int colon = error.indexOf(": ");
		String type = (colon > 0) ? error.substring(0, colon) : error;
		if (type.chars().anyMatch(Character::isWhitespace)) {
			return new WorkError("error", error, stackTrace);
		}
		return new WorkError(type, (colon > 0) ? error.substring(colon + 2) : null, stackTrace);
	}

}
