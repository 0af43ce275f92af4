package io.github.backgroundwork;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The {@link BackgroundWorkQueue}: a bounded {@link ThreadPoolExecutor} with tracking of
 * every accepted item, and a {@link SmartLifecycle} that drains the queue when the
 * application context closes. Build one with {@link #builder()}.
 * <p>
 * Shutdown ({@link #stop()}, {@link #close()}, or the context closing) happens in four
 * steps, each bounded:
 * <ol>
 * <li>new work is refused with a {@link WorkRejectedException};</li>
 * <li>queued items still start and running items finish, for up to the drain
 * timeout;</li>
 * <li>then queued items that never started are abandoned, cancellation is requested of
 * every running item, and the queue waits up to the cancellation grace;</li>
 * <li>then the workers are interrupted and every item that had not ended is reported as
 * abandoned, by id and name: logged at WARN and passed to
 * {@link WorkListener#onAbandoned(List)}.</li>
 * </ol>
 * Stopping returns as soon as the last item ends.
 *
 * @since 0.1.0
 */
public class DefaultBackgroundWorkQueue implements BackgroundWorkQueue, SmartLifecycle, AutoCloseable {

	/**
	 * The lifecycle phase: {@code SmartLifecycle.DEFAULT_PHASE - 4096}. Phases stop from
	 * the highest down, so the queue stops after the web server's graceful shutdown
	 * ({@code DEFAULT_PHASE - 1024}), which lets requests in flight enqueue work, and
	 * after the web server itself stops ({@code DEFAULT_PHASE - 2048}); and it stops
	 * before Spring's executors and schedulers ({@code Integer.MAX_VALUE / 2}) and before
	 * any bean is destroyed, so draining work can still use them and the DataSource.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(DefaultBackgroundWorkQueue.class);

	private static final int ITEMS_PER_LOG_LINE = 100;

	private static final Comparator<WorkItem> OLDEST_FIRST = Comparator.comparingLong(WorkItem::sequence);

	private static final Comparator<WorkItem> LAST_FINISHED_FIRST = Comparator.comparingLong(WorkItem::finishedNanos)
		.reversed();

	private final int concurrency;

	private final int capacity;

	private final WhenFull whenFull;

	private final Duration blockTimeout;

	private final Duration drainTimeout;

	private final Duration cancellationGrace;

	private final WorkErrorHandler errorHandler;

	private final List<WorkDecorator> decorators;

	private final WorkListener[] listeners;

	private final BlockingQueue<Runnable> waiting;

	private final ThreadPoolExecutor executor;

	/**
	 * Every accepted item from enqueue until it settles, so that an id returned by
	 * enqueue can always be found: here, then in the history.
	 */
	private final ConcurrentHashMap<Long, WorkItem> inFlight = new ConcurrentHashMap<>();

	/**
	 * Wall-clock time and monotonic time read together when the queue was built: item
	 * times are read from the monotonic clock only, once per event, and shown as
	 * wall-clock times from this anchor.
	 */
	private final long anchorMillis = System.currentTimeMillis();

	private final long anchorNanos = System.nanoTime();

	private final @Nullable AtomicReferenceArray<WorkItem> history;

	private final AtomicLong historyCursor = new AtomicLong();

	/**
	 * Counts every enqueue call that got past the argument checks, accepted or not, and
	 * numbers the items. Stop waits until every such call has left again: refused
	 * ({@link #rejected}) or settled (the four outcome counters).
	 */
	private final AtomicLong sequence = new AtomicLong();

	// Every counter only grows, so that reading the outcome counters, rejected and
	// failedEnqueues before sequence never makes calls under way look settled. Callers
	// update only sequence and accepted, workers only started and the outcomes: no
	// counter is shared by both sides on every item. Queued and running are derived.

	private final LongAdder accepted = new LongAdder();

	private final LongAdder startedItems = new LongAdder();

	/**
	 * Items that settled without starting: cancelled or abandoned while queued.
	 */
	private final LongAdder settledUnstarted = new LongAdder();

	/**
	 * Enqueue calls that threw before accepting anything, because a decorator failed.
	 */
	private final LongAdder failedEnqueues = new LongAdder();

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder cancelled = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder abandoned = new LongAdder();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition stateChanged = this.lock.newCondition();

	private volatile QueueState state = QueueState.RUNNING;

	private volatile boolean started;

	DefaultBackgroundWorkQueue(Builder builder) {
		this.concurrency = builder.concurrency;
		this.capacity = builder.capacity;
		this.whenFull = builder.whenFull;
		this.blockTimeout = builder.blockTimeout;
		this.drainTimeout = builder.drainTimeout;
		this.cancellationGrace = builder.cancellationGrace;
		this.errorHandler = (builder.errorHandler != null) ? builder.errorHandler
				: DefaultBackgroundWorkQueue::logFailure;
		this.decorators = List.copyOf(builder.decorators);
		this.listeners = builder.listeners.toArray(new WorkListener[0]);
		this.history = (builder.historySize > 0) ? new AtomicReferenceArray<>(builder.historySize) : null;
		this.waiting = new LinkedBlockingQueue<>(this.capacity);
		this.executor = new ThreadPoolExecutor(this.concurrency, this.concurrency, 0, TimeUnit.MILLISECONDS,
				this.waiting, WorkerThreads.factory(builder.threadNamePrefix, builder.virtualThreads), this::refused);
		this.executor.prestartAllCoreThreads();
	}

	/**
	 * Start building a queue.
	 * @return a builder with the defaults of {@code background-work.*}
	 */
	public static Builder builder() {
		return new Builder();
	}

	// --- Enqueue

	@Override
	public WorkHandle enqueue(String name, BackgroundWork work) {
		return submit(name, work);
	}

	@Override
	public WorkHandle enqueueAsync(String name, AsyncBackgroundWork work) {
		return submit(name, work);
	}

	private WorkHandle submit(String name, @Nullable Object work) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		if (work == null) {
			throw new IllegalArgumentException("work must not be null");
		}
		// Counted before the state check, so that a concurrent stop either sees this
		// enqueue and waits for it, or this enqueue sees the stop and is refused.
		long sequence = this.sequence.incrementAndGet();
		if (this.state != QueueState.RUNNING) {
			throw reject(name, WorkRejectedException.Reason.SHUTTING_DOWN,
					"Background work '" + name + "' was refused: the queue is shutting down (" + this.state + ")");
		}
		WorkItem item = new WorkItem(this, sequence, name, work);
		if (!this.decorators.isEmpty()) {
			try {
				item.decorate(this.decorators);
			}
			catch (Throwable ex) {
				// Nothing was accepted: count the call as gone, or stop would wait for it
				this.failedEnqueues.increment();
				signalIfStopping();
				throw ex;
			}
		}
		this.inFlight.put(item.key(), item);
		// A full or stopped pool calls handleFull on this thread, which throws if the
		// item is refused after all
		this.executor.execute(item);
		this.accepted.increment();
		return item;
	}

	/**
	 * Called by the pool, on the enqueuing thread, when it refuses an item: no exception
	 * is created unless the item is refused after all.
	 */
	private void refused(Runnable runnable, ThreadPoolExecutor executor) {
		handleFull((WorkItem) runnable);
	}

	private void handleFull(WorkItem item) {
		if (!this.executor.isShutdown()) {
			if (this.whenFull == WhenFull.CALLER_RUNS) {
				item.runInline();
				return;
			}
			if (this.whenFull == WhenFull.BLOCK && offer(item, this.blockTimeout)) {
				return;
			}
		}
		// Not accepted after all, unless a shutdown has already abandoned it
		if (!item.withdraw()) {
			return;
		}
		this.inFlight.remove(item.key());
		if (this.executor.isShutdown()) {
			throw reject(item.name(), WorkRejectedException.Reason.SHUTTING_DOWN, "Background work '" + item.name()
					+ "' was refused: the queue is shutting down (" + this.state + ")");
		}
		throw reject(item.name(), WorkRejectedException.Reason.CAPACITY,
				"Background work '" + item.name() + "' was refused: queue capacity " + this.capacity + " reached"
						+ ((this.whenFull == WhenFull.BLOCK) ? " and no room within " + this.blockTimeout : ""));
	}

	private boolean offer(WorkItem item, Duration timeout) {
		try {
			if (!this.waiting.offer(item, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				return false;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		// The pool may have shut down while this thread waited: take the item back
		return !this.executor.isShutdown() || !this.executor.remove(item);
	}

	private WorkRejectedException reject(String name, WorkRejectedException.Reason reason, String message) {
		WorkRejectedException ex = new WorkRejectedException(reason, message);
		this.rejected.increment();
		signalIfStopping();
		for (WorkListener listener : this.listeners) {
			try {
				listener.onRejected(name, ex);
			}
			catch (Throwable failure) {
				logger.warn("WorkListener " + listener + " failed", failure);
			}
		}
		return ex;
	}

	// --- Callbacks from items

	void started(WorkItem item) {
		this.startedItems.increment();
		for (WorkListener listener : this.listeners) {
			try {
				listener.onStarted(item);
			}
			catch (Throwable ex) {
				logger.warn("WorkListener " + listener + " failed", ex);
			}
		}
	}

	void dequeued(WorkItem item) {
		// Through the pool, which wakes a worker left waiting on the queue this empties
		// during shutdown; a worker never woken would outlive the queue
		this.executor.remove(item);
	}

	void failed(WorkItem item, @Nullable Throwable failure) {
		try {
			this.errorHandler.handleError(item, (failure != null) ? failure : new IllegalStateException("failed"));
		}
		catch (Throwable ex) {
			logger.error("WorkErrorHandler failed on background work '" + item.name() + "' (" + item.id() + ")", ex);
		}
	}

	void settled(WorkItem item, boolean abandon, boolean hadStarted) {
		if (!hadStarted) {
			this.settledUnstarted.increment();
		}
		if (abandon) {
			this.abandoned.increment();
		}
		else {
			switch (item.state()) {
				case SUCCEEDED -> this.succeeded.increment();
				case FAILED -> this.failed.increment();
				default -> this.cancelled.increment();
			}
			for (WorkListener listener : this.listeners) {
				try {
					listener.onFinished(item);
				}
				catch (Throwable ex) {
					logger.warn("WorkListener " + listener + " failed", ex);
				}
			}
		}
		AtomicReferenceArray<WorkItem> history = this.history;
		if (history != null) {
			// A release write: readers of the history need no fence on the worker
			history.lazySet((int) (this.historyCursor.getAndIncrement() % history.length()), item);
		}
		// Removed after it joined the history, so that find never misses it
		this.inFlight.remove(item.key());
		signalIfStopping();
	}

	private void signalIfStopping() {
		if (this.state != QueueState.RUNNING) {
			this.lock.lock();
			try {
				this.stateChanged.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private static void logFailure(WorkInfo item, Throwable error) {
		logger.error("Background work '" + item.name() + "' (" + item.id() + ") failed", error);
	}

	// --- Inspection

	@Override
	public Optional<WorkHandle> find(String id) {
		long sequence;
		try {
			sequence = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		WorkItem item = this.inFlight.get(sequence);
		if (item != null) {
			return Optional.of(item);
		}
		return recentItems().stream()
			.filter((recent) -> recent.sequence() == sequence)
			.findFirst()
			.map(WorkHandle.class::cast);
	}

	@Override
	public QueueStatistics statistics() {
		// Outcomes before starts before acceptances: each difference below is then never
		// less than it was at some moment during the reads; a moment's excess is clamped
		long succeeded = this.succeeded.sum();
		long failed = this.failed.sum();
		long cancelled = this.cancelled.sum();
		long abandoned = this.abandoned.sum();
		long settledUnstarted = this.settledUnstarted.sum();
		long started = this.startedItems.sum();
		long accepted = this.accepted.sum();
		long settledStarted = succeeded + failed + cancelled + abandoned - settledUnstarted;
		long queued = Math.max(0, accepted - started - settledUnstarted);
		long running = Math.max(0, started - settledStarted);
		WorkTotals totals = new WorkTotals(accepted, succeeded, failed, cancelled, this.rejected.sum(), abandoned);
		return new QueueStatistics(this.state, this.concurrency, this.capacity, queued, running, totals);
	}

	@Override
	public QueueSnapshot snapshot() {
		QueueStatistics statistics = statistics();
		List<WorkItem> inFlight = inFlightItems();
		return new QueueSnapshot(statistics, inFlight.stream().map(WorkItem::snapshot).toList(),
				recentItems().stream().map(WorkItem::snapshot).toList());
	}

	@Override
	public WorkPage items(WorkQuery query) {
		List<WorkItemSnapshot> page = new ArrayList<>(Math.min(query.limit(), 1024));
		long total = 0;
		List<WorkItem> candidates = inFlightItems();
		candidates.addAll(recentItems());
		for (WorkItem item : candidates) {
			if (query.matches(item)) {
				if (total >= query.offset() && page.size() < query.limit()) {
					page.add(item.snapshot());
				}
				total++;
			}
		}
		return new WorkPage(page, total);
	}

	@Override
	public List<WorkNameSummary> summaryByName() {
		java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
		for (WorkItem item : inFlightItems()) {
			long[] c = counts.computeIfAbsent(item.name(), (name) -> new long[4]);
			c[(item.state() == WorkState.RUNNING) ? 2 : 0]++;
		}
		for (WorkItem item : recentItems()) {
			if (item.state() == WorkState.FAILED) {
				counts.computeIfAbsent(item.name(), (name) -> new long[4])[3]++;
			}
		}
		List<WorkNameSummary> summaries = new ArrayList<>(counts.size());
		counts.forEach((name, c) -> summaries.add(new WorkNameSummary(name, c[0], c[1], c[2], c[3])));
		return summaries;
	}

	private List<WorkItem> inFlightItems() {
		List<WorkItem> items = new ArrayList<>(this.inFlight.values());
		items.sort(OLDEST_FIRST);
		return items;
	}

	Instant wallClock(long nanos) {
		return Instant.ofEpochMilli(this.anchorMillis).plusNanos(nanos - this.anchorNanos);
	}

	private List<WorkItem> recentItems() {
		AtomicReferenceArray<WorkItem> history = this.history;
		if (history == null) {
			return List.of();
		}
		List<WorkItem> recent = new ArrayList<>(history.length());
		for (int i = 0; i < history.length(); i++) {
			WorkItem item = history.get(i);
			if (item != null) {
				recent.add(item);
			}
		}
		recent.sort(LAST_FINISHED_FIRST);
		return recent;
	}

	// --- Lifecycle

	/**
	 * Mark the queue started. The queue accepts work from the moment it is built, so that
	 * work enqueued while the context starts is not refused. Does not block.
	 */
	@Override
	public void start() {
		if (this.state != QueueState.RUNNING) {
			throw new IllegalStateException("A stopped BackgroundWorkQueue cannot be restarted");
		}
		this.started = true;
	}

	@Override
	public boolean isRunning() {
		return this.started && this.state != QueueState.TERMINATED;
	}

	/**
	 * Return {@link #PHASE}.
	 */
	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Return {@code false}: pausing the context must not drain the queue.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	/**
	 * Drain the queue, then call back. Blocks for as long as the drain takes, within the
	 * drain timeout plus the cancellation grace, so that the context destroys no bean
	 * while accepted work still runs, whatever
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} says.
	 */
	@Override
	public void stop(Runnable callback) {
		stop();
		callback.run();
	}

	/**
	 * Drain the queue. Blocks until every accepted item has ended or been reported as
	 * abandoned, within the drain timeout plus the cancellation grace; returns as soon as
	 * the last item ends. A second caller waits for the first one's drain.
	 */
	@Override
	public void stop() {
		this.lock.lock();
		try {
			if (this.state != QueueState.RUNNING) {
				awaitTermination();
				return;
			}
			this.state = QueueState.DRAINING;
		}
		finally {
			this.lock.unlock();
		}
		this.executor.shutdown();
		long start = System.nanoTime();
		boolean drained = awaitSettled(start + this.drainTimeout.toNanos());
		List<WorkItemSnapshot> abandoned = new ArrayList<>();
		if (!drained) {
			cancelUnfinished(abandoned);
			if (!awaitSettled(System.nanoTime() + this.cancellationGrace.toNanos())) {
				abandonUnfinished(abandoned);
			}
		}
		terminate(abandoned, Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	private void cancelUnfinished(List<WorkItemSnapshot> abandoned) {
		setState(QueueState.CANCELLING);
		List<Runnable> neverStarted = new ArrayList<>();
		this.waiting.drainTo(neverStarted);
		// Wake workers left waiting on the queue that was just emptied, so they exit
		this.executor.shutdown();
		for (Runnable runnable : neverStarted) {
			WorkItem item = (WorkItem) runnable;
			if (item.abandonQueued()) {
				abandoned.add(item.snapshot());
			}
		}
		for (WorkItem item : inFlightItems()) {
			item.requestCancellation();
		}
	}

	private void abandonUnfinished(List<WorkItemSnapshot> abandoned) {
		// Recorded before the interrupt, so that what still ran at the deadline is
		// reported even if the interrupt makes it end a moment later
		List<WorkItem> unfinished = inFlightItems();
		for (WorkItem item : unfinished) {
			if (item.abandonQueued() || item.abandonRunning()) {
				abandoned.add(item.snapshot());
			}
		}
		this.executor.shutdownNow();
	}

	private void terminate(List<WorkItemSnapshot> abandoned, Duration took) {
		try {
			// Idle workers exit at once; one that still runs abandoned work is not waited
			// for
			this.executor.awaitTermination(abandoned.isEmpty() ? 1 : 0, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!abandoned.isEmpty()) {
			logger.warn(abandoned.size() + " background work item(s) did not finish within the shutdown deadline ("
					+ this.drainTimeout + " drain + " + this.cancellationGrace
					+ " cancellation grace) and were abandoned: "
					+ describe(abandoned.subList(0, Math.min(abandoned.size(), ITEMS_PER_LOG_LINE))));
			// Every item is logged, a bounded number per line, so that a deep queue makes
			// many lines rather than one of megabytes
			for (int from = ITEMS_PER_LOG_LINE; from < abandoned.size(); from += ITEMS_PER_LOG_LINE) {
				logger.warn("Also abandoned: "
						+ describe(abandoned.subList(from, Math.min(abandoned.size(), from + ITEMS_PER_LOG_LINE))));
			}
			List<WorkItemSnapshot> report = List.copyOf(abandoned);
			for (WorkListener listener : this.listeners) {
				try {
					listener.onAbandoned(report);
				}
				catch (Throwable ex) {
					logger.warn("WorkListener " + listener + " failed", ex);
				}
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Background work queue drained in " + took.toMillis() + " ms");
		}
		setState(QueueState.TERMINATED);
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
				.append((item.startedAt() != null) ? ", still running" : ", never started")
				.append(')');
		}
		return description.toString();
	}

	private void setState(QueueState state) {
		this.lock.lock();
		try {
			this.state = state;
			this.stateChanged.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until every accepted item has settled or the deadline passes. An interrupt
	 * ends the wait early, as if the deadline had passed, and is kept for the caller.
	 */
	private boolean awaitSettled(long deadlineNanos) {
		this.lock.lock();
		try {
			while (!isSettled()) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				this.stateChanged.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return isSettled();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether every enqueue call has left: refused, or accepted and settled. Exact
	 * although the counters are read one after the other: each only grows, a call's exit
	 * is counted after its entry, and exits are read before entries.
	 */
	private boolean isSettled() {
		long left = this.rejected.sum() + this.failedEnqueues.sum() + this.succeeded.sum() + this.failed.sum()
				+ this.cancelled.sum() + this.abandoned.sum();
		return left == this.sequence.get();
	}

	private void awaitTermination() {
		this.lock.lock();
		try {
			while (this.state != QueueState.TERMINATED) {
				this.stateChanged.await();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Builds a {@link DefaultBackgroundWorkQueue}. Defaults match the
	 * {@code background-work.*} properties.
	 */
	public static final class Builder {

		private int concurrency = 8;

		private int capacity = 10_000;

		private WhenFull whenFull = WhenFull.REJECT;

		private Duration blockTimeout = Duration.ofSeconds(1);

		private Duration drainTimeout = Duration.ofSeconds(25);

		private Duration cancellationGrace = Duration.ofSeconds(5);

		private int historySize = 100;

		private String threadNamePrefix = "background-work-";

		private boolean virtualThreads;

		private @Nullable WorkErrorHandler errorHandler;

		private final List<WorkDecorator> decorators = new ArrayList<>();

		private final List<WorkListener> listeners = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Set how many items may run at once.
		 * @param concurrency at least 1
		 * @return this builder
		 */
		public Builder concurrency(int concurrency) {
			if (concurrency < 1) {
				throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
			}
			this.concurrency = concurrency;
			return this;
		}

		/**
		 * Set how many items may wait for a worker.
		 * @param capacity at least 1
		 * @return this builder
		 */
		public Builder capacity(int capacity) {
			if (capacity < 1) {
				throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
			}
			this.capacity = capacity;
			return this;
		}

		/**
		 * Set what enqueue does when the queue is full.
		 * @param whenFull the policy
		 * @return this builder
		 */
		public Builder whenFull(WhenFull whenFull) {
			this.whenFull = requireNonNull(whenFull, "whenFull");
			return this;
		}

		/**
		 * Set how long enqueue waits for room with {@link WhenFull#BLOCK}.
		 * @param blockTimeout not negative
		 * @return this builder
		 */
		public Builder blockTimeout(Duration blockTimeout) {
			this.blockTimeout = requireNotNegative(blockTimeout, "blockTimeout");
			return this;
		}

		/**
		 * Set how long shutdown lets accepted work run before requesting cancellation.
		 * @param drainTimeout not negative
		 * @return this builder
		 */
		public Builder drainTimeout(Duration drainTimeout) {
			this.drainTimeout = requireNotNegative(drainTimeout, "drainTimeout");
			return this;
		}

		/**
		 * Set how long shutdown waits after requesting cancellation before it abandons
		 * what still runs.
		 * @param cancellationGrace not negative
		 * @return this builder
		 */
		public Builder cancellationGrace(Duration cancellationGrace) {
			this.cancellationGrace = requireNotNegative(cancellationGrace, "cancellationGrace");
			return this;
		}

		/**
		 * Set how many finished items are kept for inspection.
		 * @param historySize not negative
		 * @return this builder
		 */
		public Builder historySize(int historySize) {
			if (historySize < 0) {
				throw new IllegalArgumentException("historySize must not be negative, was " + historySize);
			}
			this.historySize = historySize;
			return this;
		}

		/**
		 * Set the prefix of the workers' thread names.
		 * @param threadNamePrefix the prefix
		 * @return this builder
		 */
		public Builder threadNamePrefix(String threadNamePrefix) {
			this.threadNamePrefix = requireNonNull(threadNamePrefix, "threadNamePrefix");
			return this;
		}

		/**
		 * Set whether the workers are virtual threads, which needs Java 21 or later.
		 * @param virtualThreads whether to use virtual threads
		 * @return this builder
		 */
		public Builder virtualThreads(boolean virtualThreads) {
			this.virtualThreads = virtualThreads;
			return this;
		}

		/**
		 * Set what handles failures, instead of logging them at ERROR.
		 * @param errorHandler the handler
		 * @return this builder
		 */
		public Builder errorHandler(WorkErrorHandler errorHandler) {
			this.errorHandler = requireNonNull(errorHandler, "errorHandler");
			return this;
		}

		/**
		 * Add a decorator; the first added is the outermost.
		 * @param decorator the decorator
		 * @return this builder
		 */
		public Builder decorator(WorkDecorator decorator) {
			this.decorators.add(requireNonNull(decorator, "decorator"));
			return this;
		}

		/**
		 * Add a listener.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(WorkListener listener) {
			this.listeners.add(requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * Build the queue; it accepts work at once.
		 * @return the queue
		 * @throws IllegalStateException if virtual threads were asked for on a Java
		 * version before 21
		 */
		public DefaultBackgroundWorkQueue build() {
			return new DefaultBackgroundWorkQueue(this);
		}

		private static <T> T requireNonNull(@Nullable T value, String name) {
			if (value == null) {
				throw new IllegalArgumentException(name + " must not be null");
			}
			return value;
		}

		private static Duration requireNotNegative(@Nullable Duration value, String name) {
			if (requireNonNull(value, name).isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, was " + value);
			}
			return value;
		}

	}

}
