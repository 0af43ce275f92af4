package io.github.backgroundwork.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.github.backgroundwork.CancellationReason;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops a queue in four bounded steps: refuse new work; let accepted work finish until
 * the drain deadline; then abandon what never started and ask what runs to stop
 * ({@link CancellationReason#SHUTDOWN}), for the cancellation grace; then abandon what
 * still runs and interrupt it. Work that stops when asked ends abandoned too, whatever it
 * returns or throws: a shutdown is not a cancellation. Reports every abandoned item by
 * name and id: items of a durable store as handed back to it (or, if their work still
 * executes, as keeping their claim), the others as abandoned, to the listeners too. Says
 * at INFO what it waits for and until when, and how it ended.
 */
final class ShutdownSequence {

	private static final Log logger = LogFactory.getLog(ShutdownSequence.class);

	static final int ITEMS_PER_LOG_LINE = 100;

	private final DispatcherLifecycle dispatcher;

	private final Inspector inspector;

	private final Workers workers;

	private final WorkEvents events;

	private final Duration drainTimeout;

	private final Duration cancellationGrace;

	private final Pauses pauses;

	ShutdownSequence(DispatcherLifecycle dispatcher, Inspector inspector, Workers workers, WorkEvents events,
			EngineSettings settings, Pauses pauses) {
		this.pauses = pauses;
		this.dispatcher = dispatcher;
		this.inspector = inspector;
		this.workers = workers;
		this.events = events;
		this.drainTimeout = settings.drainTimeout();
		this.cancellationGrace = settings.cancellationGrace();
	}

	/**
	 * Run the sequence, or wait for the one under way. Blocks until the queue has
	 * terminated.
	 */
	void run() {
		if (!this.dispatcher.refuseNewWork()) {
			this.dispatcher.awaitTerminated();
			return;
		}
		long start = System.nanoTime();
		UnfinishedItems unfinished = new UnfinishedItems(this.pauses.paused());
		if (!this.dispatcher.isDispatching()) {
			// Never started (the context failed to refresh, or was closed before it
			// started): nothing runs, so there is nothing to drain
			unfinished.neverRan.addAll(this.dispatcher.abandonQueued());
		}
		else {
			drain(start, unfinished);
		}
		this.dispatcher.stopDispatching();
		List<WorkItem> abandoned = reportHandedBack(unfinished, this.events);
		if (abandoned.isEmpty()) {
			this.workers.join(1000);
		}
		report(abandoned, unfinished, Duration.ofNanos(System.nanoTime() - start));
	}

	private void drain(long start, UnfinishedItems unfinished) {
		List<WorkItem> pending = new ArrayList<>();
		this.inspector.inspect(pending::add, (finished) -> {
		});
		if (!pending.isEmpty()) {
			Instant deadline = Instant.now().plus(this.drainTimeout);
			logItems("Background work queue is draining: waiting until " + deadline + " (drain timeout "
					+ this.drainTimeout + ", then " + this.cancellationGrace + " cancellation grace) for "
					+ pending.size() + " item(s): ", pending);
		}
		if (this.dispatcher.awaitQuiet(start + this.drainTimeout.toNanos())) {
			// What is left is scheduled for after the deadline
			unfinished.neverRan.addAll(this.dispatcher.abandonQueued());
			return;
		}
		this.dispatcher.setState(QueueState.CANCELLING);
		unfinished.neverRan.addAll(this.dispatcher.abandonQueued());
		// Nothing starts from now on: what runs now is all that can still end
		List<WorkItem> running = this.dispatcher.runningItems();
		logItems("Background work drain timeout (" + this.drainTimeout + ") passed: asking " + running.size()
				+ " running item(s) to stop, waiting up to " + this.cancellationGrace
				+ " (an item that stops is abandoned, a stored one handed back to its store): ", running);
		running.forEach((item) -> item.requestCancellation(CancellationReason.SHUTDOWN));
		if (!this.dispatcher.awaitQuiet(System.nanoTime() + this.cancellationGrace.toNanos())) {
			List<WorkItem> stillRunning = this.dispatcher.abandonRunning();
			unfinished.stillRunning.addAll(stillRunning);
			for (WorkItem item : stillRunning) {
				interrupt(item);
			}
			this.workers.interrupt();
		}
		// Those that stopped when asked ended abandoned on their own threads
		for (WorkItem item : running) {
			if (item.state() == WorkState.ABANDONED && !unfinished.stillRunning.contains(item)) {
				unfinished.stoppedEarly.add(item);
			}
		}
	}

	/**
	 * Take the items of a durable store out of the unfinished ones and log them: the
	 * store takes back those whose work no longer executes, to run again on this instance
	 * or another, so they are not lost; one whose work still executes keeps its claim
	 * until it returns.
	 * @return the other items, abandoned: never started first, then those that ran
	 */
	private static List<WorkItem> reportHandedBack(UnfinishedItems unfinished, WorkEvents events) {
		List<WorkItem> handedBack = new ArrayList<>();
		List<WorkItem> stillExecuting = new ArrayList<>();
		List<WorkItem> abandoned = new ArrayList<>();
		for (WorkItem item : unfinished.all()) {
			if (!item.isStored()) {
				abandoned.add(item);
			}
			else if (unfinished.stillRunning.contains(item) && item.isExecuting()) {
				stillExecuting.add(item);
			}
			else {
				handedBack.add(item);
			}
		}
		logInLines(
				handedBack.size() + " durable background work item(s) did not finish before the shutdown and were"
						+ " handed back to the store, to run again (queued, their attempt not consumed): ",
				"Also handed back: ", handedBack, unfinished);
		logInLines(stillExecuting.size() + " durable background work item(s) were still running at the shutdown"
				+ " deadline and did not return when interrupted: each keeps its claim until its work returns (then"
				+ " it is handed back) or the JVM exits (then it is rescued once its lease expires): ",
				"Also still running: ", stillExecuting, unfinished);
		if (!handedBack.isEmpty() || !stillExecuting.isEmpty()) {
			List<WorkItemSnapshot> snapshots = new ArrayList<>();
			handedBack.forEach((item) -> snapshots.add(item.snapshot()));
			stillExecuting.forEach((item) -> snapshots.add(item.snapshot()));
			events.handedBack(snapshots);
		}
		return abandoned;
	}

	private static void logInLines(String first, String next, List<WorkItem> items, UnfinishedItems unfinished) {
		for (int from = 0; from < items.size(); from += ITEMS_PER_LOG_LINE) {
			List<WorkItem> line = items.subList(from, Math.min(items.size(), from + ITEMS_PER_LOG_LINE));
			logger.warn(((from == 0) ? first : next)
					+ unfinished.describe(line.stream().map(WorkItem::snapshot).toList(), line));
		}
	}

	private static void interrupt(WorkItem item) {
		ItemExtras extras = item.extrasIfAny();
		if (extras == null) {
			return;
		}
		Thread inlineRunner = extras.inlineRunner;
		if (inlineRunner != null) {
			inlineRunner.interrupt();
		}
		CompletionStage<?> stage = extras.stage;
		if (stage != null) {
			try {
				stage.toCompletableFuture().cancel(true);
			}
			catch (UnsupportedOperationException ex) {
				// A stage that cannot be cancelled from outside keeps running
			}
		}
	}

	private void report(List<WorkItem> abandoned, UnfinishedItems unfinished, Duration took) {
		int stored = unfinished.size() - abandoned.size();
		String storedPart = (stored > 0) ? ", " + stored + " durable item(s) left to the store" : "";
		if (abandoned.isEmpty()) {
			logger.info("Background work queue stopped in " + took.toMillis() + " ms: "
					+ ((stored > 0) ? "every item held in memory ended" + storedPart : "every accepted item ended"));
			return;
		}
		List<WorkItemSnapshot> snapshots = abandoned.stream().map(WorkItem::snapshot).toList();
		// Every item is logged, a bounded number per line, so that a deep queue makes
		// many lines rather than one of megabytes
		for (int from = 0; from < snapshots.size(); from += ITEMS_PER_LOG_LINE) {
			int to = Math.min(snapshots.size(), from + ITEMS_PER_LOG_LINE);
			String description = unfinished.describe(snapshots.subList(from, to), abandoned.subList(from, to));
			logger.warn((from == 0)
					? abandoned.size() + " background work item(s) did not finish within the shutdown" + " deadline ("
							+ this.drainTimeout + " drain + " + this.cancellationGrace
							+ " cancellation grace) and were abandoned: " + description
					: "Also abandoned: " + description);
		}
		this.events.abandoned(snapshots);
		logger.info("Background work queue stopped in " + took.toMillis() + " ms: " + abandoned.size()
				+ " item(s) abandoned" + storedPart);
	}

	private static void logItems(String message, List<WorkItem> items) {
		if (!logger.isInfoEnabled() || items.isEmpty()) {
			return;
		}
		logger.info(message + names(items.subList(0, Math.min(items.size(), ITEMS_PER_LOG_LINE))));
		for (int from = ITEMS_PER_LOG_LINE; from < items.size(); from += ITEMS_PER_LOG_LINE) {
			logger.info("Also waiting for: "
					+ names(items.subList(from, Math.min(items.size(), from + ITEMS_PER_LOG_LINE))));
		}
	}

	private static String names(List<WorkItem> items) {
		StringBuilder description = new StringBuilder();
		for (WorkItem item : items) {
			if (!description.isEmpty()) {
				description.append(", ");
			}
			description.append('\'').append(item.name()).append("' (").append(item.id()).append(')');
		}
		return description.toString();
	}

}
