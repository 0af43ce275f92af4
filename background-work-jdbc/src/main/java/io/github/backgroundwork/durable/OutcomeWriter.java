package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.ClaimedWork;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.jspecify.annotations.Nullable;

/**
 * Writes how claimed items ended: successes, failures as a retry after the delay the
 * engine decided and logged (the retry policy's backoff) or as the final failure,
 * cancellations, and items handed back (released, their attempt not consumed). Each write
 * touches the row only while this instance still holds it, and says whether it did.
 */
final class OutcomeWriter {

	private final JdbcWorkStore store;

	private final String owner;

	OutcomeWriter(JdbcWorkStore store, String owner) {
		this.store = store;
		this.owner = owner;
	}

	/**
	 * Write one outcome.
	 * @return whether the row was still held here, and now records the outcome
	 */
	boolean write(Outcome outcome) {
		String id = outcome.row().id();
		return switch (outcome.state()) {
			case SUCCEEDED -> !this.store.complete(this.owner, List.of(id)).isEmpty();
			case ABANDONED -> (outcome.error() != null) ? this.store.releaseUnreadable(this.owner, id, outcome.error())
					: !this.store.release(this.owner, List.of(id)).isEmpty();
			case CANCELLED -> this.store.cancelRunning(this.owner, id);
			default -> failed(outcome);
		};
	}

	/**
	 * Hand rows back in one statement.
	 * @return the ids released; any other was no longer held here
	 */
	Set<String> release(Collection<String> ids) {
		return this.store.release(this.owner, ids);
	}

	/**
	 * Record successes in as few statements as possible.
	 * @return the ids completed; any other was no longer held here
	 */
	Set<String> complete(Collection<String> ids) {
		return this.store.complete(this.owner, ids);
	}

	private boolean failed(Outcome outcome) {
		String error = (outcome.error() != null) ? outcome.error() : "failed";
		Duration retryDelay = outcome.retryDelay();
		if (retryDelay == null) {
			return this.store.fail(this.owner, outcome.row().id(), error, outcome.stackTrace());
		}
		// The row's columns describe only its latest attempt: the one that failed is kept
		// among the earlier ones, with where it ran
		WorkAttempt attempt = outcome.attempt();
		WorkAttempt kept = (attempt != null) ? new WorkAttempt(attempt.attempt(), attempt.startedAt(),
				attempt.finishedAt(), attempt.duration(), this.owner, attempt.outcome(), attempt.error()) : null;
		return this.store.retryLater(this.owner, outcome.row().id(), retryDelay, error, outcome.stackTrace(), kept);
	}

	/**
	 * How a claimed row ended here, to be written.
	 *
	 * @param row the row
	 * @param state {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED}, or
	 * {@code ABANDONED} for a row handed back
	 * @param error the failure's text, for a failure; for a row handed back, why this
	 * instance cannot read it (it is left for another), or {@code null}
	 * @param retryDelay when a failure runs again, or {@code null} if it does not
	 * @param stackTrace the failure's stack trace, cut to its bound, or {@code null}
	 * @param attempt the attempt that failed, for a failure, or {@code null}
	 */
	record Outcome(ClaimedWork row, WorkState state, @Nullable String error, @Nullable Duration retryDelay,
			@Nullable String stackTrace, @Nullable WorkAttempt attempt) {

		Outcome(ClaimedWork row, WorkState state, @Nullable String error, @Nullable Duration retryDelay) {
			this(row, state, error, retryDelay, null, null);
		}

		static Outcome of(ClaimedWork row, WorkHandle handle, WorkEngine engine) {
			WorkState state = handle.state();
			if (state == WorkState.SUCCEEDED || state == WorkState.CANCELLED || state == WorkState.ABANDONED) {
				return new Outcome(row, state, null, null);
			}
			Throwable failure = handle.failure();
			WorkError error = (failure != null) ? WorkError.of(failure, engine.settings().maxStackTrace()) : null;
			WorkItemSnapshot snapshot = handle.snapshot();
			List<WorkAttempt> history = snapshot.history();
			WorkAttempt latest = history.isEmpty() ? null : history.get(history.size() - 1);
			WorkAttempt attempt = (latest != null) ? new WorkAttempt(latest.attempt(), latest.startedAt(),
					latest.finishedAt(), latest.duration(), null, WorkState.FAILED,
					(error != null) ? new WorkError(error.type(), error.message()) : null) : null;
			return new Outcome(row, WorkState.FAILED, (failure != null) ? text(failure.toString()) : null,
					engine.storedRetryDelay(handle),
					(error != null && error.stackTrace() != null) ? text(error.stackTrace()) : null, attempt);
		}

		static Outcome handBack(ClaimedWork row) {
			return new Outcome(row, WorkState.ABANDONED, null, null);
		}

		/**
		 * A row this instance cannot read, left for another: released, no attempt
		 * consumed, with the reason recorded.
		 */
		static Outcome unreadable(ClaimedWork row, String reason) {
			return new Outcome(row, WorkState.ABANDONED, text(reason), null);
		}

		boolean isPlainHandBack() {
			return this.state == WorkState.ABANDONED && this.error == null;
		}

		static Outcome failedBeforeStart(ClaimedWork row, Throwable ex) {
			String message = ex.getMessage();
			return new Outcome(row, WorkState.FAILED, text((message != null) ? message : ex.toString()), null);
		}

		/**
		 * PostgreSQL refuses the NUL character in text: a message that holds one must not
		 * make its outcome impossible to write.
		 */
		private static String text(String error) {
			return error.replace('\u0000', '?');
		}

		String describe() {
			return switch (this.state) {
				case SUCCEEDED -> "succeeded";
				case CANCELLED -> "cancelled";
				case ABANDONED -> (this.error != null) ? "left for another instance" : "handed back";
				default -> (this.retryDelay != null) ? "failed, to retry in " + this.retryDelay : "failed";
			};
		}

	}

}
