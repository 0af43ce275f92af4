package io.github.backgroundwork.engine;

/**
 * How many items the queue accepted and refused, counted by enqueuing threads under the
 * put lock, on a cache line of their own. A count is written at every enqueue. In the
 * {@link ItemRegistry} it shared a cache line with fields workers write or read at every
 * take, so that an enqueue and a take could each wait for the line to come from the
 * other's core. Moved here, with the take's own flag moved to the {@link ItemTaker}, the
 * queue used about 120 ns less CPU per item of ~10 µs with 8 workers, in two batches of
 * {@code StarterDefaultsCost}; with no-op items the difference was within the noise
 * (docs/benchmarks.md).
 */
final class AdmissionCounts {

	// A long array keeps its elements in order, whatever the JVM does with fields: the
	// counts sit a cache line (64 bytes) away from the array's ends, so from any other
	// object
	private static final int ACCEPTED = 8;

	private static final int REJECTED = 9;

	private final long[] counts = new long[18];

	/**
	 * Count an accepted item; under the put lock.
	 */
	void accepted() {
		this.counts[ACCEPTED]++;
	}

	/**
	 * Count a refused item; under the put lock.
	 */
	void rejected() {
		this.counts[REJECTED]++;
	}

	/**
	 * Return how many items were accepted; under the put lock.
	 */
	long acceptedCount() {
		return this.counts[ACCEPTED];
	}

	/**
	 * Return how many items were refused; under the put lock.
	 */
	long rejectedCount() {
		return this.counts[REJECTED];
	}

}
