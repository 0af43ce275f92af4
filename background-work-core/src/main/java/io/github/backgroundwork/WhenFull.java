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
	 * Block the caller until there is room, up to the block timeout, then refuse. A
	 * waiting caller is woken once the workers have made room for an eighth of the
	 * capacity, rather than at every item they take, so that a caller that outpaces the
	 * workers pays one wake-up per batch of items; room short of that lets a caller in
	 * within a few milliseconds.
	 */
	BLOCK,

	/**
	 * Run the item on the caller's thread, tracked like any other item.
	 */
	CALLER_RUNS

}
