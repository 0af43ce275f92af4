package io.github.backgroundwork;

import java.util.function.BiFunction;

import io.github.backgroundwork.engine.DurableWork;
import io.github.backgroundwork.engine.WorkEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The operator actions and pauses of a {@link DefaultBackgroundWorkQueue}: each goes to
 * the items kept in memory first and, for what is not found there, to the durable store;
 * a pause goes to the store alone when there is one, since it is what every instance goes
 * by.
 */
final class QueueActions {

	// The queue's own category: these lines are the queue's, wherever the code sits
	private static final Log logger = LogFactory.getLog(DefaultBackgroundWorkQueue.class);

	private final QueueEngine engine;

	QueueActions(QueueEngine engine) {
		this.engine = engine;
	}

	// --- Operator actions

	ActionResult retry(String id) {
		return act(id, WorkEngine::retry, DurableWork::retry);
	}

	ActionResult delete(String id) {
		return act(id, WorkEngine::delete, DurableWork::delete);
	}

	BulkResult retryAll(WorkFilter filter) {
		return actAll(filter, WorkEngine::retryAll, DurableWork.BulkAction.RETRY);
	}

	BulkResult cancelAll(WorkFilter filter) {
		return actAll(filter, WorkEngine::cancelAll, DurableWork.BulkAction.CANCEL);
	}

	BulkResult deleteAll(WorkFilter filter) {
		return actAll(filter, WorkEngine::deleteAll, DurableWork.BulkAction.DELETE);
	}

	private ActionResult act(String id, BiFunction<WorkEngine, String, ActionResult> inMemory,
			BiFunction<DurableWork, String, ActionResult> stored) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("id must not be blank");
		}
		QueueEngine.Built built = this.engine.forWork();
		ActionResult result = inMemory.apply(built.engine(), id);
		DurableWork durableWork = built.durableWork();
		if (result != ActionResult.NOT_FOUND || durableWork == null || id.length() > 64) {
			return result;
		}
		return stored.apply(durableWork, id);
	}

	private BulkResult actAll(WorkFilter filter, BiFunction<WorkEngine, WorkFilter, BulkResult> inMemory,
			DurableWork.BulkAction action) {
		if (filter == null) {
			throw new IllegalArgumentException("filter must not be null");
		}
		QueueEngine.Built built = this.engine.forWork();
		BulkResult result = inMemory.apply(built.engine(), filter);
		DurableWork durableWork = built.durableWork();
		if (durableWork == null) {
			return result;
		}
		BulkResult stored = durableWork.applyAll(action, filter);
		return new BulkResult(result.matched() + stored.matched(), result.changed() + stored.changed());
	}

	// --- Pause and resume

	void pause(String name) {
		checkPauseName(name);
		change(name, true);
	}

	void resume(String name) {
		checkPauseName(name);
		change(name, false);
	}

	void pauseQueue() {
		change(null, true);
	}

	void resumeQueue() {
		change(null, false);
	}

	private void change(@Nullable String name, boolean pause) {
		QueueEngine.Built built = this.engine.forWork();
		DurableWork durableWork = built.durableWork();
		if (durableWork != null) {
			// Stored first: it is what every instance, this one included, goes by
			if (pause) {
				durableWork.pause(name);
			}
			else {
				durableWork.resume(name);
			}
			return;
		}
		WorkEngine engine = built.engine();
		if (name == null) {
			boolean changed = pause ? engine.pauseQueue() : engine.resumeQueue();
			logChange("queue", changed, pause);
		}
		else {
			boolean changed = pause ? engine.pause(name) : engine.resume(name);
			logChange("name '" + name + "'", changed, pause);
		}
	}

	private static void logChange(String what, boolean changed, boolean pause) {
		if (changed) {
			logger.info("Background work " + what + (pause ? " paused" : " resumed"));
		}
	}

	private static void checkPauseName(@Nullable String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException(
					"name must not be blank, was " + ((name != null) ? "'" + name + "'" : "null"));
		}
	}

}
