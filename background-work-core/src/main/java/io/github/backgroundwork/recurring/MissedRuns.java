package io.github.backgroundwork.recurring;

/**
 * What a recurring name does about due times that passed while nothing could run it (the
 * application was down): never a burst of catch-up runs.
 *
 * @since 0.1.0
 */
public enum MissedRuns {

	/**
	 * One run, however many due times were missed, then back on schedule.
	 */
	RUN_ONCE,

	/**
	 * No run: the missed due time is cancelled and the next one waits for its time.
	 */
	SKIP

}
