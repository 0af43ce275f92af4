package io.github.backgroundwork;

import java.util.Set;

/**
 * What an operator has paused in a queue: while paused, no new item starts (on any
 * instance, for stored work); running items finish and enqueue is still accepted.
 *
 * @param queue whether the whole queue is paused
 * @param names the names of work paused one by one
 * @since 0.1.0
 */
public record PausedWork(boolean queue, Set<String> names) {

	/**
	 * Create a description of what is paused.
	 * @param queue whether the whole queue is paused
	 * @param names the names of work paused one by one
	 */
	public PausedWork {
		names = Set.copyOf(names);
	}

	/**
	 * Whether items of a name may not start now.
	 * @param name the name of work
	 * @return whether the queue or that name is paused
	 */
	public boolean isPaused(String name) {
		return this.queue || this.names.contains(name);
	}

}
