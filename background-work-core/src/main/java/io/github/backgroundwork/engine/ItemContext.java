package io.github.backgroundwork.engine;

import java.util.Optional;

import io.github.backgroundwork.CancellationReason;
import io.github.backgroundwork.WorkContext;

/**
 * What the work sees of its item: its cancellation token and progress reporter, and
 * nothing that could run or settle it.
 */
final class ItemContext implements WorkContext {

	private final WorkItem item;

	ItemContext(WorkItem item) {
		this.item = item;
	}

	@Override
	public String id() {
		return this.item.id();
	}

	@Override
	public String name() {
		return this.item.name();
	}

	@Override
	public int attempt() {
		return Math.max(1, this.item.attempts());
	}

	@Override
	public boolean isCancellationRequested() {
		return this.item.isCancellationRequested();
	}

	@Override
	public Optional<CancellationReason> cancellationReason() {
		return Optional.ofNullable(this.item.cancellationReason());
	}

	@Override
	public void onCancellation(Runnable callback) {
		if (callback == null) {
			throw new IllegalArgumentException("callback must not be null");
		}
		this.item.onCancellation(callback);
	}

	@Override
	public void reportProgress(long done, long total) {
		this.item.reportProgress(done, total);
	}

	@Override
	public String toString() {
		return "WorkContext of " + this.item;
	}

}
