package io.github.backgroundwork;

/**
 * The lifecycle state of a {@link BackgroundWorkQueue}.
 *
 * @since 0.1.0
 */
public enum QueueState {

	/**
	 * Accepting and running work.
	 */
	RUNNING,

	/**
	 * Shutting down: refusing new work, letting accepted work finish.
	 */
	DRAINING,

	/**
	 * Shutting down past the drain deadline: every running item has been asked to stop
	 * ({@link CancellationReason#SHUTDOWN}), and ends abandoned when it does.
	 */
	CANCELLING,

	/**
	 * Stopped: every item has ended or been reported as abandoned.
	 */
	TERMINATED

}
