package io.github.backgroundwork;

/**
 * Counts of items since the queue was created. Every accepted item ends up in exactly one
 * of succeeded, failed, cancelled or abandoned.
 *
 * @param accepted items accepted by enqueue
 * @param succeeded items that ended normally
 * @param failed items that ended with an exception
 * @param cancelled items that ended after cancellation was requested
 * @param rejected enqueue calls that were refused
 * @param abandoned items still unfinished when the shutdown deadline passed
 * @since 0.1.0
 */
public record WorkTotals(long accepted, long succeeded, long failed, long cancelled, long rejected, long abandoned) {

}
