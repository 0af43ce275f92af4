package io.github.backgroundwork;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Everything known about one item at one moment: what the actuator endpoint shows and
 * what the shutdown report lists. It holds names and state, never the work's arguments.
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
 * @param abandoned whether the shutdown deadline passed before it ended
 * @since 0.1.0
 */
public record WorkItemSnapshot(String id, String name, WorkState state, Instant enqueuedAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt, @Nullable Duration duration, @Nullable WorkProgress progress,
		@Nullable WorkError error, boolean abandoned) {

}
