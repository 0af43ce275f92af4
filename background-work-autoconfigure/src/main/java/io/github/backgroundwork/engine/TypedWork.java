package io.github.backgroundwork.engine;

import java.time.Duration;
import java.time.Instant;

import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import org.jspecify.annotations.Nullable;

/**
 * What an item of typed work runs: a request for the handler of its name, with its
 * attempts and the time it is due.
 */
final class TypedWork {

	final WorkRequest request;

	final WorkHandlerMethod handler;

	/**
	 * How many times it may be run again after a failure.
	 */
	final int maxRetries;

	/**
	 * The name and key that make the item unique while it lives, or {@code null}.
	 */
	final @Nullable String liveKey;

	/**
	 * Runs started so far; written under the take lock.
	 */
	volatile int attempts;

	/**
	 * When it is due, on the monotonic clock, or 0 if it was due at once; written under
	 * the take lock.
	 */
	volatile long dueNanos;

	/**
	 * The id of the stored row this item runs, or {@code null} for work kept in memory:
	 * the store, not the engine, retries it and enforces its key.
	 */
	final @Nullable String storedId;

	/**
	 * The retries the store allows a stored item; only for what the logs say.
	 */
	final int storedMaxRetries;

	/**
	 * For a stored item whose run failed with a retry left: the delay before the store
	 * runs it again, decided when it ended here; {@code null} otherwise. Written under
	 * the take lock, before the item's completion is published.
	 */
	volatile @Nullable Duration storedRetryDelay;

	/**
	 * When an operator last had the item run again after it ended, or {@code null}; set
	 * before the item is accepted.
	 */
	@Nullable Instant retriedAt;

	TypedWork(WorkRequest request, WorkHandlerMethod handler, int maxRetries) {
		this.request = request;
		this.handler = handler;
		this.maxRetries = maxRetries;
		this.liveKey = (request.key() != null) ? liveKey(request.name(), request.key()) : null;
		this.storedId = null;
		this.storedMaxRetries = maxRetries;
	}

	/**
	 * Create the work of a claimed row: never retried in memory, no key held in memory.
	 */
	TypedWork(WorkRequest request, WorkHandlerMethod handler, String storedId, int attemptsBefore,
			int storedMaxRetries) {
		this.request = request;
		this.handler = handler;
		this.maxRetries = 0;
		this.liveKey = null;
		this.storedId = storedId;
		this.storedMaxRetries = storedMaxRetries;
		this.attempts = attemptsBefore;
	}

	static String liveKey(String name, String key) {
		return name + '\u0000' + key;
	}

	boolean mayRetry() {
		return this.storedId == null && this.attempts <= this.maxRetries;
	}

	/**
	 * Whether a stored item that failed has a retry left: its store runs it again.
	 */
	boolean storeMayRetry() {
		return this.storedId != null && this.attempts <= this.storedMaxRetries;
	}

	String attemptOfTotal() {
		return "attempt " + this.attempts + " of " + (this.storedMaxRetries + 1);
	}

}
