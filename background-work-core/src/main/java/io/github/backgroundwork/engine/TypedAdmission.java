package io.github.backgroundwork.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkRejectedException.Reason;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import org.jspecify.annotations.Nullable;

/**
 * Accepts typed work: finds each request's handler, returns the live item of a key
 * instead of adding another, schedules delayed items, and takes a batch all or none.
 */
final class TypedAdmission {

	private final ItemRegistry registry;

	private final Dispatcher dispatcher;

	private final Admission admission;

	private final ItemRunner runner;

	TypedAdmission(ItemRegistry registry, Dispatcher dispatcher, Admission admission, ItemRunner runner) {
		this.registry = registry;
		this.dispatcher = dispatcher;
		this.admission = admission;
		this.runner = runner;
	}

	WorkHandle submit(WorkRequest request) {
		return submitAll(List.of(request)).get(0);
	}

	List<WorkHandle> submitAll(List<WorkRequest> requests) {
		List<WorkItem> items = new ArrayList<>(requests.size());
		for (int i = 0; i < requests.size(); i++) {
			items.add(newItem(requests.get(i), (requests.size() > 1) ? i : -1));
		}
		// Decorators run outside the locks; nothing is accepted if one throws
		items.forEach(this.runner::decorate);
		List<WorkHandle> handles = new ArrayList<>(items.size());
		boolean wake = false;
		this.registry.putLock.lock();
		try {
			Map<String, WorkItem> inBatch = new HashMap<>();
			int fresh = resolve(items, handles, inBatch);
			if (fresh > 0) {
				Reason refusal = this.admission.admit(fresh);
				if (refusal == null) {
					// Waiting for room let other callers in: their keys count too
					inBatch.clear();
					handles.clear();
					fresh = resolve(items, handles, inBatch);
				}
				if (refusal != null) {
					this.registry.counts.rejected();
					throw refusal(requests, items, handles, refusal);
				}
				wake = accept(items, handles);
				this.admission.signalNextCaller();
			}
		}
		finally {
			this.registry.putLock.unlock();
		}
		if (wake) {
			this.registry.signalFirstItem();
		}
		return handles;
	}

	private WorkItem newItem(WorkRequest request, int index) {
		if (request == null) {
			throw new IllegalArgumentException("request" + ((index >= 0) ? " " + index : "") + " must not be null");
		}
		WorkHandlerMethod handler;
		try {
			handler = this.registry.settings.handlers().handlerFor(request);
		}
		catch (IllegalArgumentException ex) {
			throw (index < 0) ? ex : new IllegalArgumentException("Request " + index + ": " + ex.getMessage(), ex);
		}
		int maxRetries = this.registry.settings.retryPolicy().maxRetriesFor(request, handler);
		return new WorkItem(this.dispatcher, this.registry.sequence.incrementAndGet(), request.name(),
				new TypedWork(request, handler, maxRetries));
	}

	/**
	 * Give each request whose key is live the live item's handle; under the put lock.
	 * @return how many items are new
	 */
	private int resolve(List<WorkItem> items, List<WorkHandle> handles, Map<String, WorkItem> inBatch) {
		int fresh = 0;
		for (WorkItem item : items) {
			String liveKey = item.typed().liveKey;
			WorkItem live = (liveKey != null) ? this.registry.liveKeys.get(liveKey) : null;
			if (live == null && liveKey != null) {
				live = inBatch.putIfAbsent(liveKey, item);
			}
			if (live != null) {
				handles.add(new DuplicateHandle(live));
			}
			else {
				handles.add(item);
				fresh++;
			}
		}
		return fresh;
	}

	/**
	 * Queue or schedule the new items; under the put lock.
	 * @return whether the ready queue was empty, so that a worker must be woken
	 */
	private boolean accept(List<WorkItem> items, List<WorkHandle> handles) {
		boolean wake = false;
		List<WorkItem> delayed = null;
		// The clocks are read only for delayed items: a read costs ~30 ns
		long now = 0;
		Instant wallNow = null;
		for (int i = 0; i < items.size(); i++) {
			WorkItem item = items.get(i);
			if (handles.get(i) != item) {
				continue;
			}
			TypedWork typed = item.typed();
			if (typed.liveKey != null) {
				this.registry.liveKeys.put(typed.liveKey, item);
			}
			this.registry.counts.accepted();
			WorkRequest request = typed.request;
			long delay = 0;
			if (request.delay() != null || request.notBefore() != null) {
				if (wallNow == null) {
					now = System.nanoTime();
					wallNow = Instant.now();
				}
				delay = delayNanos(request, wallNow);
			}
			if (delay > 0) {
				typed.dueNanos = now + delay;
				if (delayed == null) {
					delayed = new ArrayList<>();
				}
				delayed.add(item);
			}
			else {
				wake |= this.registry.ready.link(item) == 0;
			}
		}
		if (delayed != null) {
			this.registry.takeLock.lock();
			try {
				delayed.forEach((item) -> this.dispatcher.rescheduler.schedule(item, item.typed().dueNanos));
			}
			finally {
				this.registry.takeLock.unlock();
			}
		}
		return wake;
	}

	private static long delayNanos(WorkRequest request, Instant now) {
		Duration delay = request.delay();
		if (delay != null) {
			return delay.toNanos();
		}
		Instant notBefore = request.notBefore();
		return (notBefore != null) ? Duration.between(now, notBefore).toNanos() : 0;
	}

	private WorkRejectedException refusal(List<WorkRequest> requests, List<WorkItem> items, List<WorkHandle> handles,
			Reason reason) {
		// The first new request that did not fit
		int room = Math.max(0, this.registry.settings.capacity() - this.registry.waiting());
		int index = 0;
		for (int i = 0, fresh = 0; i < items.size(); i++) {
			if (handles.get(i) == items.get(i) && fresh++ == ((reason == Reason.CAPACITY) ? room : 0)) {
				index = i;
				break;
			}
		}
		WorkRequest first = requests.get(index);
		String which = (requests.size() > 1) ? " (request " + index + " of " + requests.size()
				+ ((first.key() != null) ? ", key " + first.key() : "") + "; none of them was taken)" : "";
		return this.admission.refuse(first.name(), which, reason);
	}

	/**
	 * The handle an enqueue returns when an item of the same name and key lives.
	 */
	private static final class DuplicateHandle implements WorkHandle {

		private final WorkItem item;

		DuplicateHandle(WorkItem item) {
			this.item = item;
		}

		@Override
		public boolean isDuplicate() {
			return true;
		}

		@Override
		public String id() {
			return this.item.id();
		}

		@Override
		public String name() {
			return this.item.name();
		}

		@Override
		public io.github.backgroundwork.WorkState state() {
			return this.item.state();
		}

		@Override
		public Duration waitTime() {
			return this.item.waitTime();
		}

		@Override
		public Duration runTime() {
			return this.item.runTime();
		}

		@Override
		public io.github.backgroundwork.WorkItemSnapshot snapshot() {
			return this.item.snapshot();
		}

		@Override
		public boolean cancel() {
			return this.item.cancel();
		}

		@Override
		public java.util.concurrent.CompletionStage<Void> completion() {
			return this.item.completion();
		}

		@Override
		public String toString() {
			return "duplicate of " + this.item;
		}

	}

}
