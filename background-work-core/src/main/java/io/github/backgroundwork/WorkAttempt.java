package io.github.backgroundwork;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One run of an item and how it ended: when, where, how long, and its error.
 *
 * @param attempt the attempt's number, from 1; an operator who has an ended item run
 * again starts its attempts from 1 again, after those of the run that ended
 * @param startedAt when it started, if known (an attempt whose instance died before it
 * could say is known only by its number)
 * @param finishedAt when it ended, or {@code null} while it runs or if unknown
 * @param duration how long it ran (to now while running), or {@code null} if unknown
 * @param owner where it ran: the durable store's instance id of the queue that claimed
 * it, or {@code null} for work kept in memory
 * @param outcome how it ended, or {@link WorkState#RUNNING} while it runs;
 * {@link WorkState#ABANDONED} for an attempt whose instance stopped or died before it
 * ended
 * @param error why it failed, if it did (its stack trace only for the latest failure)
 * @since 0.1.0
 */
public record WorkAttempt(int attempt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		@Nullable Duration duration, @Nullable String owner, WorkState outcome, @Nullable WorkError error) {

}
