package io.github.backgroundwork;

/**
 * What {@code enqueue} does when the queue is at capacity.
 *
 * @since 0.1.0
 */
public enum WhenFull {

	/**
	 * Refuse the item at once with a {@link WorkRejectedException}.
	 */
	REJECT,

	/**
	 * Block the caller until there is room, up to the block timeout, then refuse.
	 */
	BLOCK,

	/**
	 * Run the item on the caller's thread, tracked like any other item.
	 */
	CALLER_RUNS

}
