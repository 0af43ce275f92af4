package io.github.backgroundwork.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkHandler;

/**
 * Handlers whose failures make a history: one that fails twice then succeeds, one that
 * fails from deep in a recursion with a cause.
 */
public class HistoryHandlers {

	/**
	 * A report to send.
	 *
	 * @param id the report
	 */
	public record Report(int id) {
	}

	final Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();

	@BackgroundWorkHandler("twice-failing")
	void twiceFailing(Report report) {
		int run = this.runs.computeIfAbsent(report.id(), (id) -> new AtomicInteger()).incrementAndGet();
		if (run <= 2) {
			throw new IllegalStateException("SMTP down, run " + run);
		}
	}

	@BackgroundWorkHandler("deep-failing")
	void deepFailing(Report report) {
		recurse(2000);
	}

	private static void recurse(int depth) {
		if (depth == 0) {
			throw new IllegalStateException("gave up deep down",
					new java.io.UncheckedIOException("disk full", new java.io.IOException("no space")));
		}
		recurse(depth - 1);
	}

}
