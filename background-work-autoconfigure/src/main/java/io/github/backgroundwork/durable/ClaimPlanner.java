package io.github.backgroundwork.durable;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.ClaimRequest;

/**
 * Says what the next claim of a queue may take: rows of its own queue, of the names it
 * has handlers for, at most its free places, no more of a name with a {@code concurrency}
 * limit than the limit leaves room for (so that a backlog of such a name never takes the
 * places other names could use), none of the rows it could not read a moment ago, and
 * none of a paused name (nothing while the whole queue is paused).
 */
final class ClaimPlanner {

	private final String queue;

	private final WorkEngine engine;

	private final ClaimedItems claimed;

	private final UnreadableRows unreadable;

	ClaimPlanner(String queue, WorkEngine engine, ClaimedItems claimed, UnreadableRows unreadable) {
		this.queue = queue;
		this.engine = engine;
		this.claimed = claimed;
		this.unreadable = unreadable;
	}

	/**
	 * Return the next claim.
	 * @param free the places free now
	 * @param now the claimer's {@link System#nanoTime()}
	 * @return the claim
	 */
	ClaimRequest next(int free, long now) {
		// Read at each claim: handler beans may be registered after the queue was built
		WorkHandlers handlers = this.engine.settings().handlers();
		Set<String> names = handlers.names();
		PausedWork paused = this.engine.paused();
		if (paused.queue()) {
			names = Set.of();
		}
		else if (!paused.names().isEmpty()) {
			names = new HashSet<>(names);
			names.removeAll(paused.names());
		}
		Map<String, Integer> nameLimits = new HashMap<>();
		Map<String, Integer> live = null;
		for (String name : names) {
			WorkHandlerMethod handler = handlers.find(name);
			if (handler != null && handler.concurrency() > 0) {
				if (live == null) {
					live = this.claimed.liveByName();
				}
				nameLimits.put(name, Math.max(0, handler.concurrency() - live.getOrDefault(name, 0)));
			}
		}
		return new ClaimRequest(this.queue, free, names, nameLimits, this.unreadable.excluded(now));
	}

}
