package io.github.backgroundwork.jdbc;

import java.time.Instant;

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
 * @since 0.1.0
 */
public record StoredWork(String id, String name, @Nullable String key, String payloadType, StoredState state,
		int attempts, int maxRetries, Instant notBefore, @Nullable String owner, @Nullable Instant leaseUntil,
		Instant enqueuedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error,
		@Nullable String unreadableBy, @Nullable String unreadableReason, @Nullable Instant retriedAt) {

	/**
	 * Create a row no operator retried.
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
				startedAt, finishedAt, error, unreadableBy, unreadableReason, null);
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
				startedAt, finishedAt, error, null, null, null);
	}

}
