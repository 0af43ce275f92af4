package io.github.backgroundwork;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs work in the background on the application's behalf: off the caller's thread, on a
 * bounded pool of its own, tracked from enqueue to end, and drained when the application
 * shuts down. <pre class="code">
 * queue.enqueue("customer-mail", token -&gt; {
 *     for (var c : customers) {
 *         if (token.isCancellationRequested()) return;
 *         send(c);
 *     }
 * });
 * </pre> Names are kinds of work ({@code customer-mail}, {@code thumbnail}), not ids:
 * they tag metrics, so keep their number small.
 *
 * @since 0.1.0
 */
public interface BackgroundWorkQueue {

	/**
	 * The name given to work enqueued without one.
	 */
	String DEFAULT_NAME = "unnamed";

	/**
	 * Enqueue work. Does not block, except with {@link WhenFull#BLOCK} when the queue is
	 * full, and with {@link WhenFull#CALLER_RUNS}, when it runs the work itself.
	 * @param name the kind of work, not blank
	 * @param work the work
	 * @return a handle on the accepted item
	 * @throws WorkRejectedException (a {@link RejectedExecutionException}) if the queue
	 * is full or shutting down
	 * @throws IllegalArgumentException if {@code name} is blank or {@code work} is null
	 */
	WorkHandle enqueue(String name, BackgroundWork work);

	/**
	 * Enqueue work under the {@linkplain #DEFAULT_NAME default name}.
	 * @param work the work
	 * @return a handle on the accepted item
	 * @throws WorkRejectedException if the queue is full or shutting down
	 * @throws IllegalArgumentException if {@code work} is null
	 * @see #enqueue(String, BackgroundWork)
	 */
	default WorkHandle enqueue(BackgroundWork work) {
		return enqueue(DEFAULT_NAME, work);
	}

	/**
	 * Enqueue work that returns a stage; the item ends when that stage ends.
	 * @param name the kind of work, not blank
	 * @param work the work
	 * @return a handle on the accepted item
	 * @throws WorkRejectedException if the queue is full or shutting down
	 * @throws IllegalArgumentException if {@code name} is blank or {@code work} is null
	 * @see #enqueue(String, BackgroundWork)
	 */
	WorkHandle enqueueAsync(String name, AsyncBackgroundWork work);

	/**
	 * Enqueue typed work: the request's payload, for the
	 * {@link BackgroundWorkHandler @BackgroundWorkHandler} of its name. A typed item is
	 * retried when it fails, up to its maximum number of retries, with exponential
	 * backoff; it waits for its delay or {@code notBefore}, scheduled; and while an item
	 * of the same name and key is queued, scheduled or running, enqueuing another returns
	 * that item's handle, {@linkplain WorkHandle#isDuplicate() marked as a duplicate}.
	 * @param request the request
	 * @return a handle on the accepted item, or on the live item of the same key
	 * @throws WorkRejectedException if the queue is full or shutting down
	 * @throws IllegalArgumentException if no handler has the request's name, or the
	 * handler does not take the payload's type
	 * @since 0.1.0
	 */
	WorkHandle enqueue(WorkRequest request);

	/**
	 * Enqueue many items of typed work at once, all or none: if the queue cannot take
	 * every new item, it takes none, and the refusal names the first request it could not
	 * take. Requests whose key is live (or repeated in the list) are duplicates, as with
	 * {@link #enqueue(WorkRequest)}, and take no room.
	 * @param requests the requests
	 * @return a handle for each request, in order
	 * @throws WorkRejectedException if the queue cannot take them all or is shutting down
	 * @throws IllegalArgumentException if a request has no handler, or a payload its
	 * handler does not take; the message gives the request's index
	 * @since 0.1.0
	 */
	List<WorkHandle> enqueueAll(List<WorkRequest> requests);

	/**
	 * Find an item that is in flight or among the recently finished ones; with a durable
	 * store, also a stored item, wherever it runs or ran, answered from its row.
	 * @param id the item's id
	 * @return the item, or empty if it is unknown or was finished too long ago
	 */
	Optional<WorkHandle> find(String id);

	/**
	 * Return the configuration and counters; cheap enough to call on every scrape. With a
	 * durable store, the counters include the stored items this queue has claimed and not
	 * yet finished, since they take its workers, although {@link #items(WorkQuery)} and
	 * {@link #summaryByName()} leave them out.
	 * @return the statistics
	 */
	QueueStatistics statistics();

	/**
	 * Return the statistics, every in-flight item and the recently finished ones. Its
	 * size grows with the queue: prefer {@link #items(WorkQuery)} and
	 * {@link #summaryByName()} where the queue may be deep.
	 * @return the snapshot
	 */
	QueueSnapshot snapshot();

	/**
	 * Return one page of the items in flight and recently finished that match a query:
	 * those in flight oldest first, then the finished ones most recent first. Only items
	 * kept in memory: with a durable store, the stored items this queue has claimed are
	 * listed from the store, for the whole cluster (the actuator endpoint's
	 * {@code durable} section), though {@link #find(String)} finds them.
	 * @param query the filter and the page
	 * @return the page, with the number of matches in all
	 */
	WorkPage items(WorkQuery query);

	/**
	 * Return, for each name of work in flight or recently failed, how many items of it
	 * are queued, scheduled and running, and how many recently failed; names in order.
	 * Only items kept in memory, as {@link #items(WorkQuery)}.
	 * @return one summary per name
	 */
	List<WorkNameSummary> summaryByName();

	// Operator actions (issue "Operate"). The defaults throw until each implementation
	// provides them; DefaultBackgroundWorkQueue and the synchronous test queue will.

	/**
	 * Run an ended typed item ({@code FAILED}, {@code CANCELLED} or {@code ABANDONED})
	 * again under the same id, with a fresh retry budget, as an operator asks.
	 * @param id the item's id
	 * @return {@link ActionResult#APPLIED}, or why not: unknown, still live, or a lambda
	 */
	default ActionResult retry(String id) {
		throw new UnsupportedOperationException("retry");
	}

	/**
	 * Delete an ended item at once from the history (and from the store).
	 * @param id the item's id
	 * @return {@link ActionResult#APPLIED}, or why not: unknown or still live
	 */
	default ActionResult delete(String id) {
		throw new UnsupportedOperationException("delete");
	}

	/**
	 * Retry every ended typed item that matches a filter.
	 * @param filter which items
	 * @return how many matched and how many were retried
	 */
	default BulkResult retryAll(WorkFilter filter) {
		throw new UnsupportedOperationException("retryAll");
	}

	/**
	 * Cancel every live item that matches a filter.
	 * @param filter which items
	 * @return how many matched and how many were cancelled
	 */
	default BulkResult cancelAll(WorkFilter filter) {
		throw new UnsupportedOperationException("cancelAll");
	}

	/**
	 * Delete every ended item that matches a filter.
	 * @param filter which items
	 * @return how many matched and how many were deleted
	 */
	default BulkResult deleteAll(WorkFilter filter) {
		throw new UnsupportedOperationException("deleteAll");
	}

	/**
	 * Pause a name of work: no new item of it starts until it is resumed (for stored
	 * work, on any instance, and across restarts); running items finish; enqueue is still
	 * accepted, and scheduled items that fall due meanwhile wait. Pausing a paused name
	 * does nothing.
	 * @param name the name of work
	 * @throws IllegalArgumentException if {@code name} is blank
	 */
	void pause(String name);

	/**
	 * Resume a paused name of work: its waiting items start at once (unless the whole
	 * queue is paused). Resuming a name that is not paused does nothing.
	 * @param name the name of work
	 * @throws IllegalArgumentException if {@code name} is blank
	 */
	void resume(String name);

	/**
	 * Pause the whole queue: no new item starts until it is resumed, as if every name
	 * were paused; running items finish and enqueue is still accepted.
	 */
	void pauseQueue();

	/**
	 * Resume the whole queue: its waiting items start at once, but those of names paused
	 * one by one.
	 */
	void resumeQueue();

	/**
	 * Return what is paused now.
	 * @return the paused queue and names
	 */
	PausedWork paused();

}
