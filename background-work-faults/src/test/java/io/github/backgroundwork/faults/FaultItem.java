package io.github.backgroundwork.faults;

/**
 * The payload of the fault suite's work: its number among the items of a run, and how its
 * handler behaves when cancellation is requested.
 *
 * @param number the item's number, from 1
 * @param kind how it behaves
 */
public record FaultItem(int number, Kind kind) {

	/**
	 * How an item's run behaves when asked to stop.
	 */
	public enum Kind {

		/**
		 * Works for the configured time without looking at cancellation.
		 */
		PLAIN,

		/**
		 * Throws a {@link java.util.concurrent.CancellationException} as soon as
		 * cancellation is requested.
		 */
		WELL_BEHAVED,

		/**
		 * Ignores cancellation and interrupts, and completes.
		 */
		STUBBORN,

		/**
		 * Throws an {@link IllegalStateException} when cancellation is requested.
		 */
		FAILING

	}

}
