package io.github.backgroundwork;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Everything known about one item at one moment: what the actuator endpoint shows and
 * what the shutdown report lists. Its {@code toString()} and the endpoint show names and
 * state, never the work's arguments.
 *
 * @param id the item's id
 * @param name the item's name
 * @param state the item's state
 * @param enqueuedAt when it was accepted
 * @param startedAt when it started, if it did
 * @param finishedAt when it ended, if it did
 * @param duration how long it ran (to now while running), or {@code null} if it never
 * started
 * @param progress the last progress it reported, if any
 * @param error why it failed, if it did
 * @param abandoned whether a shutdown ended it before it finished
 * @param attempts how many runs of it have started
 * @param key the key of typed work, if it has one
 * @param notBefore when a scheduled item is due (after a delay, or before a retry)
 * @param request the request of typed work, so that work a shutdown abandoned can be
 * enqueued again; never shown by the actuator endpoint, since it holds the payload
 * @param retriedAt when an operator last had it run again after it ended
 * ({@link BackgroundWorkQueue#retry(String)}), or {@code null} if none did
 * @since 0.1.0
 */
public record WorkItemSnapshot(String id, String name, WorkState state, Instant enqueuedAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt, @Nullable Duration duration, @Nullable WorkProgress progress,
		@Nullable WorkError error, boolean abandoned, int attempts, @Nullable String key, @Nullable Instant notBefore,
		@Nullable WorkRequest request, @Nullable Instant retriedAt) {

	/**
	 * Create a snapshot of an item no operator retried.
	 * @param id the item's id
	 * @param name the item's name
	 * @param state the item's state
	 * @param enqueuedAt when it was accepted
	 * @param startedAt when it started, if it did
	 * @param finishedAt when it ended, if it did
	 * @param duration how long it ran, or {@code null} if it never started
	 * @param progress the last progress it reported, if any
	 * @param error why it failed, if it did
	 * @param abandoned whether a shutdown ended it before it finished
	 * @param attempts how many runs of it have started
	 * @param key the key of typed work, if it has one
	 * @param notBefore when a scheduled item is due
	 * @param request the request of typed work
	 */
	public WorkItemSnapshot(String id, String name, WorkState state, Instant enqueuedAt, @Nullable Instant startedAt,
			@Nullable Instant finishedAt, @Nullable Duration duration, @Nullable WorkProgress progress,
			@Nullable WorkError error, boolean abandoned, int attempts, @Nullable String key,
			@Nullable Instant notBefore, @Nullable WorkRequest request) {
		this(id, name, state, enqueuedAt, startedAt, finishedAt, duration, progress, error, abandoned, attempts, key,
				notBefore, request, null);
	}

	/**
	 * Create a snapshot of an item of untyped work.
	 * @param id the item's id
	 * @param name the item's name
	 * @param state the item's state
	 * @param enqueuedAt when it was accepted
	 * @param startedAt when it started, if it did
	 * @param finishedAt when it ended, if it did
	 * @param duration how long it ran, or {@code null} if it never started
	 * @param progress the last progress it reported, if any
	 * @param error why it failed, if it did
	 * @param abandoned whether a shutdown ended it before it finished
	 */
	public WorkItemSnapshot(String id, String name, WorkState state, Instant enqueuedAt, @Nullable Instant startedAt,
			@Nullable Instant finishedAt, @Nullable Duration duration, @Nullable WorkProgress progress,
			@Nullable WorkError error, boolean abandoned) {
		this(id, name, state, enqueuedAt, startedAt, finishedAt, duration, progress, error, abandoned,
				(startedAt != null) ? 1 : 0, null, null, null, null);
	}

}
