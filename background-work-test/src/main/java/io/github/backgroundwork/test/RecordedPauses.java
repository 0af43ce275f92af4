package io.github.backgroundwork.test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.backgroundwork.PausedWork;
import org.jspecify.annotations.Nullable;

/**
 * The pauses of a {@link SynchronousBackgroundWorkQueue}: recorded so that
 * {@link SynchronousBackgroundWorkQueue#paused()} reports them, and holding nothing back,
 * since nothing waits in that queue.
 */
final class RecordedPauses {

	private final Set<String> pausedNames = ConcurrentHashMap.newKeySet();

	private volatile boolean queuePaused;

	void pause(String name) {
		this.pausedNames.add(checkPauseName(name));
	}

	void resume(String name) {
		this.pausedNames.remove(checkPauseName(name));
	}

	void pauseQueue() {
		this.queuePaused = true;
	}

	void resumeQueue() {
		this.queuePaused = false;
	}

	PausedWork paused() {
		return new PausedWork(this.queuePaused, Set.copyOf(this.pausedNames));
	}

	private static String checkPauseName(@Nullable String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException(
					"name must not be blank, was " + ((name != null) ? "'" + name + "'" : "null"));
		}
		return name;
	}

}
