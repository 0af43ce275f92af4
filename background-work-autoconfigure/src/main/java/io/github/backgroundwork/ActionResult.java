package io.github.backgroundwork;

/**
 * What an operator's action on one item did.
 *
 * @since 0.1.0
 */
public enum ActionResult {

	/**
	 * The action was applied.
	 */
	APPLIED,

	/**
	 * No item has that id (any more).
	 */
	NOT_FOUND,

	/**
	 * The item has not ended, and the action applies only to ended items (retry, delete);
	 * or, for a retry, another live item holds its key.
	 */
	LIVE,

	/**
	 * The item has ended, and the action applies only to live items (cancel).
	 */
	ENDED,

	/**
	 * The item cannot run again: it is a lambda, which was never stored, so nothing is
	 * left to run; or it succeeded (only items that failed, were cancelled or abandoned
	 * are retried).
	 */
	NOT_RERUNNABLE

}
