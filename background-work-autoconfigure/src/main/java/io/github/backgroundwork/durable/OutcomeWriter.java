package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.durable.DurableWorkSource.ClaimedItem;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import io.github.backgroundwork.jdbc.ClaimedWork;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes how claimed items ended: successes in one statement, failures as a retry with
 * the policy's backoff or as the final failure, cancellations, and items the queue hands
 * back at shutdown (released, their attempt not consumed).
 */
final class OutcomeWriter {

	private static final Log logger = LogFactory.getLog(OutcomeWriter.class);

	private final JdbcWorkStore store;

	private final String owner;

	private final WorkRetryPolicy retryPolicy;

	OutcomeWriter(JdbcWorkStore store, String owner, WorkRetryPolicy retryPolicy) {
		this.store = store;
		this.owner = owner;
		this.retryPolicy = retryPolicy;
	}

	void write(List<ClaimedItem> items) {
		List<String> succeeded = new ArrayList<>();
		List<String> handedBack = new ArrayList<>();
		for (ClaimedItem item : items) {
			ClaimedWork row = item.row();
			WorkState state = item.handle().state();
			switch (state) {
				case SUCCEEDED -> succeeded.add(row.id());
				case ABANDONED -> handedBack.add(row.id());
				case CANCELLED -> this.store.cancelRunning(this.owner, row.id());
				default -> failed(row, item.handle().failure());
			}
		}
		if (!succeeded.isEmpty()) {
			this.store.complete(this.owner, succeeded);
		}
		if (!handedBack.isEmpty()) {
			this.store.release(this.owner, handedBack);
		}
	}

	private void failed(ClaimedWork row, Throwable failure) {
		String error = (failure != null) ? failure.toString() : "failed";
		String attempt = "attempt " + row.attempts() + " of " + (row.maxRetries() + 1);
		if (row.isLastAttempt()) {
			logger
				.warn("Background work '" + row.name() + "' (" + row.id() + ") failed, " + attempt + ": no retry left");
			this.store.fail(this.owner, row.id(), error);
			return;
		}
		Duration delay = this.retryPolicy.delayBeforeRetry(row.attempts());
		logger.warn("Background work '" + row.name() + "' (" + row.id() + ") failed, " + attempt + ": retrying in "
				+ delay.toMillis() + " ms", failure);
		this.store.retryLater(this.owner, row.id(), delay, error);
	}

}
