package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.backgroundwork.WorkFailedException;
import io.github.backgroundwork.jdbc.StoredWork;
import io.github.backgroundwork.jdbc.StoredWorkReader;
import org.jspecify.annotations.Nullable;

/**
 * The completion stages of stored items that someone asked for, settled by the claimer
 * from their rows: once an item that ran here has its outcome written, or at each poll
 * interval for items that run elsewhere. Nothing is read while nobody waits.
 */
final class StoredCompletions {

	private final Map<String, Watched> watched = new ConcurrentHashMap<>();

	private final StoredWorkReader reader;

	private final long pollNanos;

	private final Runnable wake;

	// Read by the claimer's thread only
	private long nextPoll = System.nanoTime();

	// A stage was asked for, or a watched item ended here, since the last reading
	private volatile boolean due;

	private volatile boolean stopped;

	/**
	 * Create the stages of one queue.
	 * @param reader reads the rows
	 * @param pollInterval how often rows of items that run elsewhere are read
	 * @param wake wakes the claimer, which reads the rows at its next turn
	 */
	StoredCompletions(StoredWorkReader reader, Duration pollInterval, Runnable wake) {
		this.reader = reader;
		this.pollNanos = pollInterval.toNanos();
		this.wake = wake;
	}

	/**
	 * Return the stage of a stored item, shared by every handle on it.
	 */
	CompletableFuture<Void> watch(String id, String name) {
		CompletableFuture<Void> future = this.watched.computeIfAbsent(id, (key) -> new Watched(name)).future();
		if (this.stopped) {
			failRemaining();
		}
		else {
			this.due = true;
			this.wake.run();
		}
		return future;
	}

	/**
	 * Note that an item claimed here ended; the claimer writes its outcome in the same
	 * turn, and reads the watched rows after.
	 */
	void endedHere(String id) {
		if (!this.watched.isEmpty() && this.watched.containsKey(id)) {
			this.due = true;
		}
	}

	/**
	 * Read the watched rows if a stage was asked for or a watched item ended here since
	 * the last reading, or the poll interval passed; on the claimer's thread.
	 * @param now the claimer's {@link System#nanoTime()}
	 */
	void settleIfDue(long now) {
		if (!this.watched.isEmpty() && (this.due || now - this.nextPoll >= 0)) {
			settle();
			this.nextPoll = now + this.pollNanos;
		}
	}

	/**
	 * Read the watched rows and settle the stages of those that ended or are gone.
	 */
	void settle() {
		this.due = false;
		List<String> ids = new ArrayList<>(this.watched.keySet());
		for (int from = 0; from < ids.size(); from += StoredWorkReader.MAX_PAGE_SIZE) {
			List<String> batch = ids.subList(from, Math.min(ids.size(), from + StoredWorkReader.MAX_PAGE_SIZE));
			Map<String, StoredWork> rows = new HashMap<>();
			this.reader.findAllById(batch).forEach((row) -> rows.put(row.id(), row));
			for (String id : batch) {
				settle(id, rows.get(id));
			}
		}
	}

	/**
	 * Settle stages again, after a {@link #stop()}.
	 */
	void start() {
		this.stopped = false;
	}

	/**
	 * Fail the stages still waiting, and those asked for from now on: this queue no
	 * longer reads the rows.
	 */
	void stop() {
		this.stopped = true;
		failRemaining();
	}

	private void settle(String id, @Nullable StoredWork row) {
		if (row == null) {
			finish(id, (name) -> new IllegalStateException(
					"Background work '" + name + "' (" + id + ") is no longer stored: its row was deleted"));
			return;
		}
		switch (row.state()) {
			case SUCCEEDED -> finish(id, null);
			case CANCELLED -> finish(id,
					(name) -> new CancellationException("Background work '" + name + "' (" + id + ") was cancelled"));
			case FAILED -> finish(id, (name) -> new WorkFailedException("Background work '" + name + "' (" + id
					+ ") failed after " + row.attempts() + " attempt(s): " + row.error()));
			default -> {
				// Still waiting or running
			}
		}
	}

	private void failRemaining() {
		for (String id : List.copyOf(this.watched.keySet())) {
			finish(id,
					(name) -> new IllegalStateException("Background work '" + name + "' (" + id
							+ ") had not ended when this queue stopped: it stays stored, and runs on another instance "
							+ "or after a restart; read its state from the store"));
		}
	}

	private void finish(String id, @Nullable Function<String, Throwable> failure) {
		Watched watch = this.watched.remove(id);
		if (watch == null) {
			return;
		}
		if (failure == null) {
			watch.future().complete(null);
		}
		else {
			watch.future().completeExceptionally(failure.apply(watch.name()));
		}
	}

	private record Watched(String name, CompletableFuture<Void> future) {

		Watched(String name) {
			this(name, new CompletableFuture<>());
		}

	}

}
