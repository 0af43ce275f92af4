package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import io.github.backgroundwork.jdbc.InsertedWork;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.NewWork;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores typed work: checks every request against its handler, writes its payload (no
 * larger than the limit), and inserts the rows in the caller's transaction, with the
 * enqueuing trace context when there is a {@link DurableWorkTracing} and the MDC entries
 * {@link StoredMdc} names; wakes the local claimer once they are committed.
 */
final class DurableEnqueuer {

	private final String queue;

	private final WorkEngine engine;

	private final JdbcWorkStore store;

	private final PayloadCodec codec;

	private final Runnable wake;

	private final @Nullable DurableWorkTracing tracing;

	private final StoredWorkCanceller canceller;

	private final StoredCompletions completions;

	private final StoredMdc mdc;

	DurableEnqueuer(String queue, WorkEngine engine, JdbcWorkStore store, PayloadCodec codec, Runnable wake,
			@Nullable DurableWorkTracing tracing, StoredWorkCanceller canceller, StoredCompletions completions,
			StoredMdc mdc) {
		this.queue = queue;
		this.engine = engine;
		this.store = store;
		this.codec = codec;
		this.wake = wake;
		this.tracing = tracing;
		this.canceller = canceller;
		this.completions = completions;
		this.mdc = mdc;
	}

	List<WorkHandle> enqueueAll(List<WorkRequest> requests) {
		List<NewWork> rows = new ArrayList<>(requests.size());
		String context = this.mdc.capture();
		for (int i = 0; i < requests.size(); i++) {
			try {
				rows.add(row(requests.get(i)).withContext(context));
			}
			catch (IllegalArgumentException ex) {
				throw (requests.size() == 1) ? ex : new IllegalArgumentException("Request " + i + " of "
						+ requests.size() + ": " + ex.getMessage() + " (none of the requests was taken)", ex);
			}
		}
		List<InsertedWork> inserted = (this.tracing != null) ? this.tracing.enqueue(rows, this.store::insertAll)
				: this.store.insertAll(rows);
		CompletableFuture<Boolean> stored = wakeAfterCommit();
		List<WorkHandle> handles = new ArrayList<>(inserted.size());
		for (int i = 0; i < inserted.size(); i++) {
			handles.add(new StoredWorkHandle(inserted.get(i), requests.get(i).name(), this.store, this.canceller,
					this.completions, stored));
		}
		return handles;
	}

	private NewWork row(WorkRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		WorkHandlerMethod handler = this.engine.settings().handlers().handlerFor(request);
		int maxRetries = this.engine.settings().retryPolicy().maxRetriesFor(request, handler);
		String payload = this.codec.write(request);
		Duration delay = (request.delay() != null) ? request.delay() : Duration.ZERO;
		return new NewWork(this.engine.newId(), request.name(), request.key(), payload,
				request.payload().getClass().getName(), maxRetries, request.notBefore(), delay, null, this.queue, null);
	}

	/**
	 * Wake the local claimer once the rows are committed.
	 * @return completes with whether they were: {@code false} if the caller's transaction
	 * rolled back
	 */
	private CompletableFuture<Boolean> wakeAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.wake.run();
			return CompletableFuture.completedFuture(true);
		}
		CompletableFuture<Boolean> stored = new CompletableFuture<>();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				DurableEnqueuer.this.wake.run();
			}

			@Override
			public void afterCompletion(int status) {
				stored.complete(status != STATUS_ROLLED_BACK);
			}

		});
		return stored;
	}

}
