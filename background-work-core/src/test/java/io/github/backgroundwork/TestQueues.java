package io.github.backgroundwork;

/**
 * Builds queues for tests and starts them, as the application context would.
 */
public final class TestQueues {

	private TestQueues() {
	}

	/**
	 * Build a queue and start it.
	 * @param builder the configured builder
	 * @return the started queue
	 */
	public static DefaultBackgroundWorkQueue started(DefaultBackgroundWorkQueue.Builder builder) {
		DefaultBackgroundWorkQueue queue = builder.build();
		queue.start();
		return queue;
	}

}
