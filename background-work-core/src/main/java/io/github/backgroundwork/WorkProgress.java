package io.github.backgroundwork;

/**
 * Progress reported by running work.
 *
 * @param done units of work done
 * @param total units of work in all
 * @since 0.1.0
 */
public record WorkProgress(long done, long total) {

	/**
	 * Create a progress report.
	 * @param done units of work done, at least 0
	 * @param total units of work in all, at least {@code done}
	 */
	public WorkProgress {
		if (done < 0) {
			throw new IllegalArgumentException("done must not be negative, was " + done);
		}
		if (total < done) {
			throw new IllegalArgumentException("total must be at least done (" + done + "), was " + total);
		}
	}

}
