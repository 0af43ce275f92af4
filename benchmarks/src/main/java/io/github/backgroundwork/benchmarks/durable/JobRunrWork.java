package io.github.backgroundwork.benchmarks.durable;

/**
 * JobRunr's no-op job, a public static method as JobRunr's lambdas name it.
 */
public final class JobRunrWork {

	private JobRunrWork() {
	}

	/**
	 * Run item {@code id}: tell the probe.
	 * @param id the item's number
	 */
	public static void run(Integer id) {
		Probe.ran(id);
	}

}
