package io.github.backgroundwork.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import io.github.backgroundwork.WorkAbandonedException;

import org.jspecify.annotations.Nullable;

/**
 * The stage of {@link io.github.backgroundwork.WorkHandle#completion()}: a
 * {@link CompletableFuture} that only the queue can complete, so that no caller can make
 * an item look ended, or ended otherwise, to the others. Stages derived from it are
 * ordinary.
 */
final class CompletionFuture extends CompletableFuture<Void> {

	private static final String READ_ONLY = "The completion of background work is the queue's to say: "
			+ "use WorkHandle.cancel() to cancel the item, or copy() for a future of your own";

	/**
	 * Complete as the item ended: normally if it succeeded, else with why it did not.
	 */
	void settle(WorkItem item) {
		switch (item.state()) {
			case SUCCEEDED -> super.complete(null);
			case CANCELLED -> super.completeExceptionally(new CancellationException(
					"Background work '" + item.name() + "' (" + item.id() + ") was cancelled"));
			case ABANDONED -> super.completeExceptionally(new WorkAbandonedException("Background work '" + item.name()
					+ "' (" + item.id() + ") did not finish before the shutdown deadline"));
			default -> {
				Throwable failure = item.failure();
				super.completeExceptionally((failure != null) ? failure : new IllegalStateException("failed"));
			}
		}
	}

	@Override
	public boolean complete(@Nullable Void value) {
		throw new UnsupportedOperationException(READ_ONLY);
	}

	@Override
	public boolean completeExceptionally(Throwable ex) {
		throw new UnsupportedOperationException(READ_ONLY);
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		throw new UnsupportedOperationException(READ_ONLY);
	}

	@Override
	public void obtrudeValue(@Nullable Void value) {
		throw new UnsupportedOperationException(READ_ONLY);
	}

	@Override
	public void obtrudeException(Throwable ex) {
		throw new UnsupportedOperationException(READ_ONLY);
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		return new CompletableFuture<>();
	}

}
