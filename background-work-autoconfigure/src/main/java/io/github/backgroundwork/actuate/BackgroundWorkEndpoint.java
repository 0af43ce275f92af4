package io.github.backgroundwork.actuate;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} that shows what a {@link BackgroundWorkQueue} is doing: its
 * state and counters, every item in flight and the recently finished ones; and lets an
 * operator cancel one item. It shows names and state, never the work's arguments.
 *
 * @since 0.1.0
 */
@Endpoint(id = "backgroundwork")
public class BackgroundWorkEndpoint {

	private final BackgroundWorkQueue queue;

	/**
	 * Create an endpoint.
	 * @param queue the queue to show
	 */
	public BackgroundWorkEndpoint(BackgroundWorkQueue queue) {
		this.queue = queue;
	}

	/**
	 * Describe the queue: {@code GET /actuator/backgroundwork}.
	 * @return the queue's state, counters, items in flight and recent items
	 */
	@ReadOperation
	public QueueDescriptor queue() {
		return QueueDescriptor.of(this.queue.snapshot());
	}

	/**
	 * Describe one item, in flight or recently finished: {@code GET
	 * /actuator/backgroundwork/{id}}.
	 * @param id the item's id
	 * @return the item, or {@code null} (404 over HTTP) if it is unknown
	 */
	@ReadOperation
	public @Nullable WorkItemDescriptor item(@Selector String id) {
		return this.queue.find(id).map((item) -> WorkItemDescriptor.of(item.snapshot())).orElse(null);
	}

	/**
	 * Request cancellation of one item: {@code DELETE /actuator/backgroundwork/{id}}. A
	 * queued item never runs; a running item is told through its context and ends when
	 * its work returns.
	 * @param id the item's id
	 * @return whether the item was still cancellable, or {@code null} if it is unknown
	 */
	@DeleteOperation
	public @Nullable CancellationDescriptor cancel(@Selector String id) {
		return this.queue.find(id).map(BackgroundWorkEndpoint::cancel).orElse(null);
	}

	private static CancellationDescriptor cancel(WorkHandle item) {
		boolean cancellable = item.cancel();
		return new CancellationDescriptor(item.id(), item.name(), cancellable, item.state());
	}

}
