package io.github.backgroundwork.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.WorkItemSnapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops a queue in four bounded steps: refuse new work; let accepted work finish until
 * the drain deadline; then abandon what never started and request cancellation of what
 * runs, for the cancellation grace; then abandon what still runs, interrupt it, and
 * report every abandoned item by name and id. Says at INFO what it waits for and until
 * when, and how it ended.
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

	ShutdownSequence(DispatcherLifecycle dispatcher, Inspector inspector, Workers workers, WorkEvents events,
			EngineSettings settings) {
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
		List<WorkItem> abandoned = new ArrayList<>();
		if (!this.dispatcher.isDispatching()) {
			// Never started (the context failed to refresh, or was closed before it
			// started): nothing runs, so there is nothing to drain
			abandoned.addAll(this.dispatcher.abandonQueued());
		}
		else {
			drain(start, abandoned);
		}
		this.dispatcher.stopDispatching();
		reportHandedBack(abandoned);
		if (abandoned.isEmpty()) {
			this.workers.join(1000);
		}
		report(abandoned, Duration.ofNanos(System.nanoTime() - start));
	}

	private void drain(long start, List<WorkItem> abandoned) {
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
			abandoned.addAll(this.dispatcher.abandonQueued());
			return;
		}
		this.dispatcher.setState(QueueState.CANCELLING);
		abandoned.addAll(this.dispatcher.abandonQueued());
		List<WorkItem> running = this.dispatcher.runningItems();
		logItems("Background work drain timeout (" + this.drainTimeout + ") passed: requesting cancellation of "
				+ running.size() + " running item(s), waiting up to " + this.cancellationGrace + ": ", running);
		running.forEach(WorkItem::requestCancellation);
		if (this.dispatcher.awaitQuiet(System.nanoTime() + this.cancellationGrace.toNanos())) {
			return;
		}
		List<WorkItem> stillRunning = this.dispatcher.abandonRunning();
		abandoned.addAll(stillRunning);
		for (WorkItem item : stillRunning) {
			interrupt(item);
		}
		this.workers.interrupt();
	}

	/**
	 * Take the items of a durable store out of the abandoned ones: the store takes them
	 * back, to run again on this instance or another, so they are not lost.
	 */
	private static void reportHandedBack(List<WorkItem> abandoned) {
		List<WorkItem> handedBack = abandoned.stream().filter(WorkItem::isStored).toList();
		if (handedBack.isEmpty()) {
			return;
		}
		abandoned.removeAll(handedBack);
		logger.warn(handedBack.size() + " durable background work item(s) did not finish within the shutdown"
				+ " deadline and were handed back to the store, to run again: "
				+ names(handedBack.subList(0, Math.min(handedBack.size(), ITEMS_PER_LOG_LINE))));
		for (int from = ITEMS_PER_LOG_LINE; from < handedBack.size(); from += ITEMS_PER_LOG_LINE) {
			logger.warn("Also handed back: "
					+ names(handedBack.subList(from, Math.min(handedBack.size(), from + ITEMS_PER_LOG_LINE))));
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

	private void report(List<WorkItem> abandoned, Duration took) {
		if (abandoned.isEmpty()) {
			logger.info("Background work queue stopped in " + took.toMillis() + " ms: every accepted item ended");
			return;
		}
		List<WorkItemSnapshot> snapshots = abandoned.stream().map(WorkItem::snapshot).toList();
		logger.warn(abandoned.size() + " background work item(s) did not finish within the shutdown deadline ("
				+ this.drainTimeout + " drain + " + this.cancellationGrace + " cancellation grace) and were abandoned: "
				+ describe(snapshots.subList(0, Math.min(snapshots.size(), ITEMS_PER_LOG_LINE))));
		// Every item is logged, a bounded number per line, so that a deep queue makes
		// many lines rather than one of megabytes
		for (int from = ITEMS_PER_LOG_LINE; from < snapshots.size(); from += ITEMS_PER_LOG_LINE) {
			logger.warn("Also abandoned: "
					+ describe(snapshots.subList(from, Math.min(snapshots.size(), from + ITEMS_PER_LOG_LINE))));
		}
		this.events.abandoned(snapshots);
		logger.info("Background work queue stopped in " + took.toMillis() + " ms: " + abandoned.size()
				+ " item(s) abandoned");
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

	private static String stage(WorkItemSnapshot item) {
		Instant notBefore = item.notBefore();
		Instant startedAt = item.startedAt();
		if (notBefore != null && (startedAt == null || notBefore.isAfter(startedAt))
				&& (item.finishedAt() == null || notBefore.isAfter(item.finishedAt()))) {
			return ", scheduled for " + notBefore;
		}
		return (startedAt != null) ? ", still running" : ", never started";
	}

	private static String describe(List<WorkItemSnapshot> items) {
		StringBuilder description = new StringBuilder();
		for (WorkItemSnapshot item : items) {
			if (!description.isEmpty()) {
				description.append(", ");
			}
			description.append('\'')
				.append(item.name())
				.append("' (")
				.append(item.id())
				.append(stage(item))
				.append(')');
		}
		return description.toString();
	}

}
