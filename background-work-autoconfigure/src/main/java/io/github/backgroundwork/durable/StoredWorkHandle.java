package io.github.backgroundwork.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.jdbc.InsertedWork;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.StoredWork;
import org.jspecify.annotations.Nullable;

/**
 * The handle of a stored item, as enqueue returns it: every question is answered from its
 * row, wherever it runs.
 */
final class StoredWorkHandle implements WorkHandle {

	private final InsertedWork inserted;

	private final String name;

	private final JdbcWorkStore store;

	private final StoredWorkCanceller canceller;

	private final StoredCompletions completions;

	private final CompletionStage<Boolean> stored;

	private volatile @Nullable CompletionStage<Void> completion;

	/**
	 * Create a handle.
	 * @param stored completes with {@code true} once the row is committed, {@code false}
	 * if the enqueuing transaction rolled back
	 */
	StoredWorkHandle(InsertedWork inserted, String name, JdbcWorkStore store, StoredWorkCanceller canceller,
			StoredCompletions completions, CompletionStage<Boolean> stored) {
		this.inserted = inserted;
		this.name = name;
		this.store = store;
		this.canceller = canceller;
		this.completions = completions;
		this.stored = stored;
	}

	@Override
	public String id() {
		return this.inserted.id();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public boolean isDuplicate() {
		return this.inserted.duplicate();
	}

	@Override
	public WorkState state() {
		return snapshot().state();
	}

	@Override
	public Duration waitTime() {
		WorkItemSnapshot snapshot = snapshot();
		Instant end = (snapshot.startedAt() != null) ? snapshot.startedAt() : Instant.now();
		return positive(Duration.between(snapshot.enqueuedAt(), end));
	}

	@Override
	public Duration runTime() {
		Duration duration = snapshot().duration();
		return (duration != null) ? duration : Duration.ZERO;
	}

	@Override
	public WorkItemSnapshot snapshot() {
		StoredWork row = this.store.reader()
			.findById(id())
			.orElseThrow(() -> new IllegalStateException("Background work '" + this.name + "' (" + id()
					+ ") is no longer stored: its row was deleted after the retention"));
		return snapshot(row);
	}

	static WorkItemSnapshot snapshot(StoredWork row) {
		WorkState state = WorkState.valueOf(row.state().name());
		Duration duration = (row.startedAt() != null && row.finishedAt() != null)
				? positive(Duration.between(row.startedAt(), row.finishedAt())) : null;
		WorkError error = (row.error() != null) ? new WorkError("stored", row.error()) : null;
		return new WorkItemSnapshot(row.id(), row.name(), state, row.enqueuedAt(), row.startedAt(), row.finishedAt(),
				duration, null, error, false, row.attempts(), row.key(), row.notBefore(), null, row.retriedAt());
	}

	private static Duration positive(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	/**
	 * Cancel the item wherever it is: waiting in the store, it ends cancelled at once;
	 * running, its cancellation is requested from the instance that runs it (this one at
	 * once, another when it next renews its leases), and its row ends cancelled when its
	 * work returns.
	 */
	@Override
	public boolean cancel() {
		return this.canceller.cancel(id());
	}

	/**
	 * Return a stage that completes once the item's row shows its end, wherever it ran;
	 * watched from the commit of the enqueuing transaction. Every call on this handle
	 * returns the same stage.
	 */
	@Override
	public CompletionStage<Void> completion() {
		CompletionStage<Void> completion = this.completion;
		if (completion == null) {
			completion = this.stored
				.thenCompose((committed) -> committed ? this.completions.watch(id(), this.name)
						: CompletableFuture.failedStage(new IllegalStateException("Background work '" + this.name
								+ "' (" + id() + ") was never stored: the transaction that enqueued it rolled back")))
				// Callers cannot complete it: only the row says how the item ended
				.toCompletableFuture()
				.minimalCompletionStage();
			this.completion = completion;
		}
		return completion;
	}

	@Override
	public String toString() {
		return "'" + this.name + "' (" + id() + ", stored" + (isDuplicate() ? ", duplicate" : "") + ")";
	}

}
