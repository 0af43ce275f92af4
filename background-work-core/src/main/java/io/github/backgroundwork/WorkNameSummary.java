package io.github.backgroundwork;

/**
 * What the queue holds of one name of work.
 *
 * @param name the name
 * @param queued items of this name waiting for a worker
 * @param scheduled items of this name waiting for their time
 * @param running items of this name running
 * @param recentFailures items of this name among the recently finished ones that failed
 * @since 0.1.0
 */
public record WorkNameSummary(String name, long queued, long scheduled, long running, long recentFailures) {

}
