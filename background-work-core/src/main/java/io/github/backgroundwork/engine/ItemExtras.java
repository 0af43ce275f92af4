package io.github.backgroundwork.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.github.backgroundwork.CancellationReason;
import io.github.backgroundwork.WorkProgress;
import org.jspecify.annotations.Nullable;

/**
 * What only some items need: kept apart, and made on first use, so that an item that
 * nobody watches stays small.
 */
final class ItemExtras {

	volatile @Nullable WorkProgress progress;

	volatile @Nullable Throwable failure;

	volatile @Nullable CompletionFuture completion;

	volatile @Nullable CompletionStage<?> stage;

	volatile @Nullable Thread inlineRunner;

	/**
	 * Why cancellation was requested; written under this object's monitor before
	 * {@link WorkItem#cancellationRequested}, so that whoever sees the request sees why.
	 */
	volatile @Nullable CancellationReason cancellationReason;

	/**
	 * Callbacks registered through the context; guarded by this object.
	 */
	@Nullable List<Runnable> cancellationCallbacks;

	synchronized void addCallback(Runnable callback) {
		if (this.cancellationCallbacks == null) {
			this.cancellationCallbacks = new ArrayList<>(2);
		}
		this.cancellationCallbacks.add(callback);
	}

	/**
	 * Request cancellation of the item, once, and run the callbacks registered so far. A
	 * cancellation after the shutdown's request changes the reason, not the callbacks,
	 * which have run: the item is then cancelled, not abandoned.
	 */
	void requestCancellation(WorkItem item, CancellationReason reason) {
		List<Runnable> callbacks;
		synchronized (this) {
			if (item.cancellationRequested) {
				if (reason == CancellationReason.CANCELLED) {
					this.cancellationReason = reason;
				}
				return;
			}
			this.cancellationReason = reason;
			item.cancellationRequested = true;
			callbacks = this.cancellationCallbacks;
			this.cancellationCallbacks = null;
		}
		if (callbacks != null) {
			callbacks.forEach(item.dispatcher::runCancellationCallback);
		}
	}

	/**
	 * Register a callback to run when cancellation is requested, or run it now if it was.
	 */
	void onCancellation(WorkItem item, Runnable callback) {
		synchronized (this) {
			if (!item.cancellationRequested) {
				addCallback(callback);
				return;
			}
		}
		item.dispatcher.runCancellationCallback(callback);
	}

}
