package io.github.backgroundwork.benchmarks.durable;

/**
 * One durable job library under test: an instance that runs work with 8 workers, and a
 * second instance on the same database, with its own pool, that only enqueues.
 */
interface DurableContender extends AutoCloseable {

	int WORKERS = 8;

	String name();

	/**
	 * Return how this contender is configured, for the report.
	 * @return one line
	 */
	String configuration();

	/**
	 * Enqueue one no-op item on the running instance, in a transaction of its own; it has
	 * committed when this returns.
	 * @param id the item's number, passed to {@link Probe#ran(int)}
	 */
	void enqueueOne(int id);

	/**
	 * Enqueue the no-op items {@code first} to {@code first + count - 1} on the running
	 * instance, in one batch.
	 * @param first the first item's number
	 * @param count how many
	 */
	void enqueueBatch(int first, int count);

	/**
	 * Enqueue one no-op item on the other instance, in a transaction of its own.
	 * @param id the item's number
	 */
	void enqueueOneElsewhere(int id);

	/**
	 * Stop both instances and close their pools.
	 */
	@Override
	void close();

}
