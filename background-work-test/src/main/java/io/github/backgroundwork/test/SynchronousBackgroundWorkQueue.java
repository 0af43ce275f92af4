package io.github.backgroundwork.test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.AsyncBackgroundWork;
import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.QueueSnapshot;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkNameSummary;
import io.github.backgroundwork.WorkPage;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.WorkTotals;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BackgroundWorkQueue} that runs each item on the thread that enqueues it, for
 * tests that should see the work done when {@code enqueue} returns: the handle it returns
 * has completed. {@code enqueueAsync} waits for the work's stage. A failure, even an
 * {@code AssertionError} thrown by the work, does not reach the caller: the item ends
 * {@code FAILED} and its completion holds the exception, as with the real queue; check
 * {@code handle.completion()} or {@code statistics().totals().failed()}. Nothing is ever
 * queued; the statistics show each caller's item running while it runs. The last finished
 * items (1,000 unless told otherwise) can be found and listed. {@link #close() Closing}
 * the queue refuses further work. Since nothing waits here, a pause holds nothing back:
 * {@link #pause(String)} and {@link #pauseQueue()} are recorded and {@link #paused()}
 * reports them, so that a test can check that its code pauses, but work still runs at
 * once.
 *
 * @since 0.1.0
 */
public class SynchronousBackgroundWorkQueue implements BackgroundWorkQueue, AutoCloseable {

	/**
	 * How many attempts of earlier runs an item run again keeps, as the engine does.
	 */
	private static final int MAX_EARLIER_ATTEMPTS = 20;

	private final int historySize;

	private final Clock clock = Clock.systemUTC();

	private final AtomicLong sequence = new AtomicLong();

	private final List<SynchronousWorkItem> running = new ArrayList<>();

	private final Deque<SynchronousWorkItem> history = new ArrayDeque<>();

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong succeeded = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong cancelled = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private volatile boolean closed;

	private final RecordedPauses pauses = new RecordedPauses();

	private final WorkHandlers handlers;

	/**
	 * Create a queue that keeps the last 1,000 finished items.
	 */
	public SynchronousBackgroundWorkQueue() {
		this(1_000);
	}

	/**
	 * Create a queue.
	 * @param historySize how many finished items to keep for {@link #find(String)} and
	 * {@link #items(WorkQuery)}, at least 0
	 */
	public SynchronousBackgroundWorkQueue(int historySize) {
		this(historySize, WorkHandlers.of());
	}

	/**
	 * Create a queue that runs typed work with the given handlers, for example
	 * {@code WorkHandlers.of(new Thumbnails())}. Typed work runs at once on the caller's
	 * thread, once: its delay, retries and key are not applied.
	 * @param historySize how many finished items to keep, at least 0
	 * @param handlers the handlers of typed work
	 */
	public SynchronousBackgroundWorkQueue(int historySize, WorkHandlers handlers) {
		if (historySize < 0) {
			throw new IllegalArgumentException("historySize must not be negative, was " + historySize);
		}
		this.historySize = historySize;
		this.handlers = handlers;
	}

	@Override
	public WorkHandle enqueue(WorkRequest request) {
		return run(request, null, null, List.of());
	}

	private WorkHandle run(WorkRequest request, @Nullable String id, @Nullable Instant retriedAt,
			List<WorkAttempt> earlierAttempts) {
		WorkHandlerMethod handler = this.handlers.handlerFor(request);
		return run(accept(request.name(), request, id, request, retriedAt, earlierAttempts), (context) -> {
			CompletionStage<?> stage = handler.invoke(request.payload(), context);
			if (stage != null) {
				Throwable failure = outcome(stage);
				if (failure instanceof Exception ex) {
					throw ex;
				}
				if (failure instanceof Error error) {
					throw error;
				}
			}
		});
	}

	@Override
	public List<WorkHandle> enqueueAll(List<WorkRequest> requests) {
		requests.forEach(this.handlers::handlerFor);
		return requests.stream().map(this::enqueue).toList();
	}

	@Override
	public WorkHandle enqueue(String name, BackgroundWork work) {
		return run(accept(name, work, null, null, null, List.of()), work);
	}

	private WorkHandle run(SynchronousWorkItem item, BackgroundWork work) {
		Throwable failure = null;
		try {
			work.run(item);
		}
		catch (Exception | Error ex) {
			failure = ex;
		}
		return finish(item, failure);
	}

	@Override
	public WorkHandle enqueueAsync(String name, AsyncBackgroundWork work) {
		SynchronousWorkItem item = accept(name, work, null, null, null, List.of());
		@Nullable Throwable failure;
		try {
			CompletionStage<?> stage = work.start(item);
			failure = (stage != null) ? outcome(stage)
					: new IllegalStateException("Background work '" + name + "' returned no stage");
		}
		catch (Exception | Error ex) {
			failure = ex;
		}
		return finish(item, failure);
	}

	private static @Nullable Throwable outcome(CompletionStage<?> stage) {
		try {
			stage.toCompletableFuture().join();
			return null;
		}
		catch (CompletionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (CancellationException ex) {
			return ex;
		}
	}

	private SynchronousWorkItem accept(String name, Object work, @Nullable String id, @Nullable WorkRequest request,
			@Nullable Instant retriedAt, List<WorkAttempt> earlierAttempts) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		if (work == null) {
			throw new IllegalArgumentException("work must not be null");
		}
		if (this.closed) {
			this.rejected.incrementAndGet();
			throw new WorkRejectedException(WorkRejectedException.Reason.SHUTTING_DOWN,
					"Background work '" + name + "' refused: the queue is closed");
		}
		SynchronousWorkItem item = new SynchronousWorkItem(
				(id != null) ? id : "sync-" + this.sequence.incrementAndGet(), name, this.clock, request, retriedAt,
				earlierAttempts);
		this.accepted.incrementAndGet();
		synchronized (this) {
			this.running.add(item);
		}
		return item;
	}

	private WorkHandle finish(SynchronousWorkItem item, @Nullable Throwable failure) {
		item.finish(failure);
		switch (item.state()) {
			case SUCCEEDED -> this.succeeded.incrementAndGet();
			case CANCELLED -> this.cancelled.incrementAndGet();
			default -> this.failed.incrementAndGet();
		}
		synchronized (this) {
			this.running.remove(item);
			if (this.historySize > 0) {
				if (this.history.size() == this.historySize) {
					this.history.removeLast();
				}
				this.history.addFirst(item);
			}
		}
		return item;
	}

	@Override
	public synchronized Optional<WorkHandle> find(String id) {
		return Stream.concat(this.running.stream(), this.history.stream())
			.filter((item) -> item.id().equals(id))
			.findFirst()
			.map(WorkHandle.class::cast);
	}

	/**
	 * Return the statistics: concurrency unbounded (each caller runs its own item),
	 * capacity 0 (nothing waits), never an item queued.
	 */
	@Override
	public QueueStatistics statistics() {
		long running;
		synchronized (this) {
			running = this.running.size();
		}
		WorkTotals totals = new WorkTotals(this.accepted.get(), this.succeeded.get(), this.failed.get(),
				this.cancelled.get(), this.rejected.get(), 0);
		return new QueueStatistics(this.closed ? QueueState.TERMINATED : QueueState.RUNNING, Integer.MAX_VALUE, 0, 0,
				running, totals);
	}

	@Override
	public QueueSnapshot snapshot() {
		QueueStatistics statistics = statistics();
		synchronized (this) {
			return new QueueSnapshot(statistics, snapshots(this.running), snapshots(this.history));
		}
	}

	@Override
	public synchronized WorkPage items(WorkQuery query) {
		List<WorkItemSnapshot> matches = Stream.concat(this.running.stream(), this.history.stream())
			.filter(query::matches)
			.map(SynchronousWorkItem::snapshot)
			.toList();
		int from = Math.min(query.offset(), matches.size());
		int to = (int) Math.min((long) from + query.limit(), matches.size());
		return new WorkPage(matches.subList(from, to), matches.size());
	}

	@Override
	public synchronized List<WorkNameSummary> summaryByName() {
		Map<String, long[]> counts = new TreeMap<>();
		this.running.forEach((item) -> counts.computeIfAbsent(item.name(), (name) -> new long[2])[0]++);
		this.history.stream()
			.filter((item) -> item.state() == WorkState.FAILED)
			.forEach((item) -> counts.computeIfAbsent(item.name(), (name) -> new long[2])[1]++);
		List<WorkNameSummary> summaries = new ArrayList<>();
		counts.forEach((name, count) -> summaries.add(new WorkNameSummary(name, 0, 0, count[0], count[1])));
		return summaries;
	}

	/**
	 * Run an ended typed item that failed or was cancelled again, at once on the caller's
	 * thread, under the same id.
	 */
	@Override
	public ActionResult retry(String id) {
		SynchronousWorkItem ended;
		synchronized (this) {
			ActionResult refusal = refusal(id);
			if (refusal != null) {
				return refusal;
			}
			ended = ended(id);
			if (ended.request == null || ended.state() == WorkState.SUCCEEDED) {
				return ActionResult.NOT_RERUNNABLE;
			}
			this.history.remove(ended);
		}
		// Its attempts so far stay in its history, as the engine keeps them
		run(ended.request, id, this.clock.instant(), ended.attemptsToCarry(MAX_EARLIER_ATTEMPTS));
		return ActionResult.APPLIED;
	}

	@Override
	public synchronized ActionResult delete(String id) {
		ActionResult refusal = refusal(id);
		if (refusal != null) {
			return refusal;
		}
		this.history.remove(ended(id));
		return ActionResult.APPLIED;
	}

	@Override
	public BulkResult retryAll(WorkFilter filter) {
		return applyAll(filter, this.history, (item) -> item.state() != WorkState.SUCCEEDED,
				(item) -> retry(item.id()) == ActionResult.APPLIED);
	}

	@Override
	public BulkResult cancelAll(WorkFilter filter) {
		return applyAll(filter, this.running, (item) -> true, SynchronousWorkItem::cancel);
	}

	@Override
	public BulkResult deleteAll(WorkFilter filter) {
		return applyAll(filter, this.history, (item) -> true, (item) -> delete(item.id()) == ActionResult.APPLIED);
	}

	private BulkResult applyAll(WorkFilter filter, Collection<SynchronousWorkItem> items,
			Predicate<SynchronousWorkItem> inScope, Predicate<SynchronousWorkItem> action) {
		List<SynchronousWorkItem> matched;
		synchronized (this) {
			matched = items.stream().filter((item) -> inScope.test(item) && filter.matches(item.snapshot())).toList();
		}
		return new BulkResult(matched.size(), matched.stream().filter(action).count());
	}

	/**
	 * Why an action on an ended item cannot apply, or {@code null} if it is kept.
	 */
	private @Nullable ActionResult refusal(String id) {
		if (this.running.stream().anyMatch((item) -> item.id().equals(id))) {
			return ActionResult.LIVE;
		}
		return this.history.stream().anyMatch((item) -> item.id().equals(id)) ? null : ActionResult.NOT_FOUND;
	}

	private SynchronousWorkItem ended(String id) {
		return this.history.stream().filter((item) -> item.id().equals(id)).findFirst().orElseThrow();
	}

	/**
	 * Record a pause of a name; work of that name still runs at once: nothing waits in
	 * this queue.
	 */
	@Override
	public void pause(String name) {
		this.pauses.pause(name);
	}

	@Override
	public void resume(String name) {
		this.pauses.resume(name);
	}

	/**
	 * Record a pause of the queue; work still runs at once: nothing waits in this queue.
	 */
	@Override
	public void pauseQueue() {
		this.pauses.pauseQueue();
	}

	@Override
	public void resumeQueue() {
		this.pauses.resumeQueue();
	}

	@Override
	public PausedWork paused() {
		return this.pauses.paused();
	}

	/**
	 * Refuse further work, as a queue that has shut down does. Items running on other
	 * threads run to their end.
	 */
	@Override
	public void close() {
		this.closed = true;
	}

	private static List<WorkItemSnapshot> snapshots(Iterable<SynchronousWorkItem> items) {
		List<WorkItemSnapshot> snapshots = new ArrayList<>();
		items.forEach((item) -> snapshots.add(item.snapshot()));
		return snapshots;
	}

}
