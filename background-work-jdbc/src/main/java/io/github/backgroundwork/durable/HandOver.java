package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.OutcomeWriter.Outcome;
import io.github.backgroundwork.durable.PayloadCodec.PayloadClassNotFoundException;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.ClaimedWork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Hands claimed rows to the engine, each on its own: a row is held before anything can
 * throw, so that whatever happens to one row, every row a claim returned is either run
 * here or has an outcome waiting to be written (failed, or handed back), and none is left
 * claimed and forgotten until its lease expires.
 */
final class HandOver {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private final WorkEngine engine;

	private final PayloadCodec codec;

	private final @Nullable DurableWorkTracing tracing;

	private final ClaimedItems claimed;

	private final OutcomeBacklog backlog;

	private final Runnable onEnd;

	private final UnreadableRows unreadable;

	HandOver(WorkEngine engine, PayloadCodec codec, @Nullable DurableWorkTracing tracing, ClaimedItems claimed,
			OutcomeBacklog backlog, Runnable onEnd, UnreadableRows unreadable) {
		this.unreadable = unreadable;
		this.engine = engine;
		this.codec = codec;
		this.tracing = tracing;
		this.claimed = claimed;
		this.backlog = backlog;
		this.onEnd = onEnd;
	}

	/**
	 * Hand rows to the engine; never throws.
	 */
	void handOver(List<ClaimedWork> rows) {
		for (ClaimedWork row : rows) {
			this.claimed.hold(row);
			try {
				handOver(row);
			}
			catch (RuntimeException | LinkageError ex) {
				logger.error("Background work '" + row.name() + "' (" + row.id() + ") could not be handed to the "
						+ "queue; handing it back to the store", ex);
				this.backlog.add(Outcome.handBack(row));
			}
		}
	}

	private void handOver(ClaimedWork row) {
		if (this.engine.settings().handlers().find(row.name()) == null) {
			leaveForAnotherInstance(row, "No @BackgroundWorkHandler is named '" + row.name() + "' on this instance");
			return;
		}
		WorkHandle handle;
		try {
			WorkRequest.Builder request = WorkRequest.builder(row.name(), this.codec.read(row));
			if (row.key() != null) {
				request.key(row.key());
			}
			Supplier<@Nullable WorkHandle> toEngine = () -> this.engine.submitClaimed(row.id(), request.build(),
					row.attempts(), row.maxRetries());
			// The row's own context, and none of this thread's: its MDC entries, its
			// trace
			handle = StoredMdc.receive(row,
					() -> (this.tracing != null) ? this.tracing.receive(row, toEngine) : toEngine.get());
		}
		catch (PayloadClassNotFoundException ex) {
			// Written by another version of the application, which may run it
			leaveForAnotherInstance(row, ex.getMessage());
			return;
		}
		catch (RuntimeException ex) {
			// It does not fit its class, or its class is not the handler's: running it
			// again cannot help
			logger.error("Background work '" + row.name() + "' (" + row.id() + ") failed before it started, "
					+ "without retries: " + ex);
			this.backlog.add(Outcome.failedBeforeStart(row, ex));
			return;
		}
		if (handle == null) {
			// The queue is stopping
			this.backlog.add(Outcome.handBack(row));
			return;
		}
		this.claimed.add(row, handle, this.onEnd);
	}

	private void leaveForAnotherInstance(ClaimedWork row, String reason) {
		Duration leftAlone = this.unreadable.leftAlone(row.id(), System.nanoTime());
		logger.info("Background work '" + row.name() + "' (" + row.id() + ") cannot run on this instance, and is "
				+ "left for another (not claimed here for " + leftAlone.toSeconds() + " s, no attempt used): "
				+ reason);
		this.backlog.add(Outcome.unreadable(row, reason));
	}

}
