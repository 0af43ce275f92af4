package io.github.backgroundwork.durable;

import java.util.function.Function;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.jspecify.annotations.Nullable;

/**
 * Cancels a stored item wherever it is: waiting in the table, it ends {@code CANCELLED}
 * there; claimed by this queue, its engine item is cancelled (a queued one never runs, a
 * running one is told through its context), and the claimer writes the outcome; running
 * on another instance, its row is marked {@code cancel_requested}, which that instance
 * turns into a cancellation of its own when it next renews its leases.
 */
final class StoredWorkCanceller {

	private final JdbcWorkStore store;

	private final Function<String, @Nullable WorkHandle> claimedHere;

	/**
	 * Create a canceller.
	 * @param store the store
	 * @param claimedHere the engine's item of a row this queue has claimed and not
	 * finished, or {@code null}
	 */
	StoredWorkCanceller(JdbcWorkStore store, Function<String, @Nullable WorkHandle> claimedHere) {
		this.store = store;
		this.claimedHere = claimedHere;
	}

	/**
	 * Cancel an item, or ask its owner to.
	 * @param id the row's id
	 * @return whether it had not ended, so that it is cancelled or its cancellation was
	 * requested
	 */
	boolean cancel(String id) {
		if (this.store.cancelWaiting(id)) {
			return true;
		}
		WorkHandle local = this.claimedHere.apply(id);
		if (local != null) {
			return local.cancel();
		}
		// Running elsewhere (or claimed here a moment ago): its owner notices when it
		// renews; or it went back to waiting in between (handed back, rescued)
		return this.store.requestCancellation(id) || this.store.cancelWaiting(id);
	}

}
