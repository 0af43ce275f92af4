package io.github.backgroundwork.engine;

import io.github.backgroundwork.PausedWork;
import org.jspecify.annotations.Nullable;

/**
 * Pauses and resumes names of work, or the whole queue, under the take lock: a paused
 * name is held back as a name at a limit of 0 is ({@link NameLimits}), and a resume wakes
 * every idle worker at once for the items it released.
 */
final class Pauses {

	private final ItemRegistry registry;

	Pauses(ItemRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Pause a name, or the whole queue if {@code name} is {@code null}.
	 * @return whether it was not paused
	 */
	boolean pause(@Nullable String name) {
		this.registry.takeLock.lock();
		try {
			return this.registry.limits.pause(name);
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	/**
	 * Resume a name, or the whole queue if {@code name} is {@code null}.
	 * @return whether it was paused
	 */
	boolean resume(@Nullable String name) {
		this.registry.takeLock.lock();
		try {
			return released(this.registry.limits.resume(name));
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	/**
	 * Make the pauses exactly these (as a durable store says they are).
	 * @return whether anything changed
	 */
	boolean set(PausedWork pauses) {
		this.registry.takeLock.lock();
		try {
			return released(this.registry.limits.set(pauses));
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	PausedWork paused() {
		this.registry.takeLock.lock();
		try {
			return this.registry.limits.paused();
		}
		finally {
			this.registry.takeLock.unlock();
		}
	}

	private boolean released(boolean changed) {
		if (changed && this.registry.idleWorkers > 0) {
			// Items it released may be many: every idle worker takes one
			this.registry.workAvailable.signalAll();
		}
		return changed;
	}

}
