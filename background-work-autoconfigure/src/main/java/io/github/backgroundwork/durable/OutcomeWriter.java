package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.durable.ClaimedItems.ClaimedItem;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.ClaimedWork;
import io.github.backgroundwork.jdbc.JdbcWorkStore;

/**
 * Writes how claimed items ended: failures as a retry after the delay the engine decided
 * and logged (the retry policy's backoff) or as the final failure, cancellations, and
 * items the queue hands back at shutdown (released, their attempt not consumed).
 * Successes are left to the claimer, which records them in the round trip of its next
 * claim.
 */
final class OutcomeWriter {

	private final JdbcWorkStore store;

	private final String owner;

	private final WorkEngine engine;

	OutcomeWriter(JdbcWorkStore store, String owner, WorkEngine engine) {
		this.store = store;
		this.owner = owner;
		this.engine = engine;
	}

	/**
	 * Write how items ended, but for successes: the claimer writes those with its next
	 * claim.
	 * @return the ids of the items that succeeded
	 */
	List<String> write(List<ClaimedItem> items) {
		List<String> succeeded = new ArrayList<>();
		List<String> handedBack = new ArrayList<>();
		for (ClaimedItem item : items) {
			ClaimedWork row = item.row();
			WorkState state = item.handle().state();
			switch (state) {
				case SUCCEEDED -> succeeded.add(row.id());
				case ABANDONED -> handedBack.add(row.id());
				case CANCELLED -> this.store.cancelRunning(this.owner, row.id());
				default -> failed(item);
			}
		}
		if (!handedBack.isEmpty()) {
			this.store.release(this.owner, handedBack);
		}
		return succeeded;
	}

	private void failed(ClaimedItem item) {
		Throwable failure = item.handle().failure();
		String error = (failure != null) ? failure.toString() : "failed";
		Duration retryDelay = this.engine.storedRetryDelay(item.handle());
		if (retryDelay != null) {
			this.store.retryLater(this.owner, item.row().id(), retryDelay, error);
		}
		else {
			this.store.fail(this.owner, item.row().id(), error);
		}
	}

}
