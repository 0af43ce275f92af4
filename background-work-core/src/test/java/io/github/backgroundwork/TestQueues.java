package io.github.backgroundwork;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

	/**
	 * Wait up to 10 s for an item to end, whether it succeeded or not.
	 * @param handle the item
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void awaitEnd(WorkHandle handle) throws InterruptedException {
		try {
			handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			// A failed item completes its stage exceptionally: it ended
		}
		catch (TimeoutException ex) {
			throw new AssertionError("the item did not end within 10 s", ex);
		}
	}

}
