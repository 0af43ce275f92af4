package io.github.backgroundwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.Optional;

import io.github.backgroundwork.engine.DurableWork;
import io.github.backgroundwork.engine.EngineSettings;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The {@link BackgroundWorkQueue}: {@code concurrency} workers of its own, tracking of
 * every accepted item, and a {@link SmartLifecycle} that starts the workers with the
 * application context and drains the queue when the context stops. Build one with
 * {@link #builder()}; work enqueued before {@link #start()} waits for it.
 * <p>
 * Shutdown ({@link #stop()}, {@link #close()}, or the context closing) happens in four
 * steps, each bounded:
 * <ol>
 * <li>new work is refused with a {@link WorkRejectedException};</li>
 * <li>queued items still start and running items finish, for up to the drain
 * timeout;</li>
 * <li>then queued items that never started are abandoned, cancellation is requested of
 * every running item ({@link CancellationReason#SHUTDOWN}), and the queue waits up to the
 * cancellation grace; an item that stops then, whatever its work returns or throws, is
 * abandoned, not cancelled (an item of a durable store is handed back to it);</li>
 * <li>then every item still running is abandoned at once, its thread interrupted, and
 * every abandoned item is reported by id and name: logged at WARN and passed to
 * {@link WorkListener#onAbandoned(List)}.</li>
 * </ol>
 * Stopping returns as soon as the last item ends. A stopped queue can be started again.
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

	private final QueueEngine engine;

	private final QueueActions actions;

	DefaultBackgroundWorkQueue(Builder builder) {
		if (builder.deferring) {
			List<Consumer<Builder>> steps = List.copyOf(builder.steps);
			this.engine = QueueEngine.deferred(() -> build(Builder.replay(steps)), new WorkEngine(settings(builder)));
		}
		else {
			this.engine = QueueEngine.of(build(builder));
		}
		this.actions = new QueueActions(this.engine);
	}

	private static QueueEngine.Built build(Builder builder) {
		WorkEngine engine = new WorkEngine(settings(builder));
		return new QueueEngine.Built(engine, (builder.durableWork != null) ? builder.durableWork.apply(engine) : null);
	}

	private static EngineSettings settings(Builder builder) {
		WorkErrorHandler errorHandler = (builder.errorHandler != null) ? builder.errorHandler
				: DefaultBackgroundWorkQueue::logFailure;
		return new EngineSettings(builder.concurrency, builder.capacity, builder.whenFull, builder.blockTimeout,
				builder.drainTimeout, builder.cancellationGrace, builder.historySize, builder.threadNamePrefix,
				builder.virtualThreads, errorHandler, builder.decorators, builder.listeners, builder.handlers,
				builder.retryPolicy, builder.maxStackTrace);
	}

	/**
	 * Start building a queue.
	 * @return a builder with the defaults of {@code background-work.*}
	 */
	public static Builder builder() {
		return new Builder();
	}

	private static void logFailure(WorkInfo item, Throwable error) {
		logger.error("Background work '" + item.name() + "' (" + item.id() + ") failed", error);
	}

	// --- Enqueue

	@Override
	public WorkHandle enqueue(String name, BackgroundWork work) {
		checkName(name);
		return this.engine.forWork().engine().submit(name, checkWork(work));
	}

	@Override
	public WorkHandle enqueueAsync(String name, AsyncBackgroundWork work) {
		checkName(name);
		return this.engine.forWork().engine().submitAsync(name, checkWork(work));
	}

	@Override
	public WorkHandle enqueue(WorkRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		QueueEngine.Built built = this.engine.forWork();
		DurableWork durableWork = built.durableWork();
		return (durableWork != null) ? durableWork.enqueueAll(List.of(request)).get(0) : built.engine().submit(request);
	}

	@Override
	public List<WorkHandle> enqueueAll(List<WorkRequest> requests) {
		if (requests == null) {
			throw new IllegalArgumentException("requests must not be null");
		}
		QueueEngine.Built built = this.engine.forWork();
		DurableWork durableWork = built.durableWork();
		return (durableWork != null) ? durableWork.enqueueAll(requests) : built.engine().submitAll(requests);
	}

	private static void checkName(@Nullable String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
	}

	private static <T> T checkWork(@Nullable T work) {
		if (work == null) {
			throw new IllegalArgumentException("work must not be null");
		}
		return work;
	}

	// --- Inspection

	@Override
	public Optional<WorkHandle> find(String id) {
		QueueEngine.Built built = this.engine.forInspection();
		Optional<WorkHandle> inMemory = built.engine().find(id);
		DurableWork durableWork = built.durableWork();
		if (inMemory.isPresent() || durableWork == null || id == null || id.isBlank() || id.length() > 64) {
			return inMemory;
		}
		try {
			return durableWork.find(id);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not look up stored background work '" + id + "'", ex);
			return Optional.empty();
		}
	}

	@Override
	public QueueStatistics statistics() {
		return this.engine.forInspection().engine().statistics();
	}

	@Override
	public QueueSnapshot snapshot() {
		return this.engine.forInspection().engine().snapshot();
	}

	@Override
	public WorkPage items(WorkQuery query) {
		return this.engine.forInspection().engine().items(query);
	}

	@Override
	public List<WorkNameSummary> summaryByName() {
		return this.engine.forInspection().engine().summaryByName();
	}

	// --- Operator actions

	/**
	 * Run an ended typed item again under its id, with a fresh retry budget: an item kept
	 * in memory is queued again at once (subject to the capacity), a stored item goes
	 * back to waiting in the store, whichever instance ran it, and the claimers are
	 * woken. Its snapshot records when ({@link WorkItemSnapshot#retriedAt()}). Only items
	 * that failed, were cancelled or abandoned run again; a lambda cannot, since nothing
	 * of it was kept. An item that ran on this queue but whose key another live item
	 * holds answers {@link ActionResult#LIVE}.
	 * @throws WorkRejectedException if an item kept in memory does not fit in the queue
	 */
	@Override
	public ActionResult retry(String id) {
		return this.actions.retry(id);
	}

	/**
	 * Forget an ended item at once: an item kept in memory leaves the history (its
	 * outcome stays counted in the totals), a stored item's row is deleted.
	 */
	@Override
	public ActionResult delete(String id) {
		return this.actions.delete(id);
	}

	/**
	 * Retry every ended item that failed, was cancelled or abandoned and matches the
	 * filter; stored items of this queue on every instance, in bounded batches. Matched
	 * counts such items; lambdas and items whose key is live match but are not retried.
	 */
	@Override
	public BulkResult retryAll(WorkFilter filter) {
		return this.actions.retryAll(filter);
	}

	/**
	 * Cancel every live item that matches the filter; stored items of this queue on every
	 * instance (those running on another are cancelled when it next renews its leases).
	 */
	@Override
	public BulkResult cancelAll(WorkFilter filter) {
		return this.actions.cancelAll(filter);
	}

	/**
	 * Delete every ended item that matches the filter; stored items of this queue on
	 * every instance, in bounded batches.
	 */
	@Override
	public BulkResult deleteAll(WorkFilter filter) {
		return this.actions.deleteAll(filter);
	}

	// --- Pause and resume

	/**
	 * Pause a name of work. With a durable store the pause is stored first, so that it
	 * holds on every instance (within their poll interval) and across restarts; blocks
	 * for one short statement then, and throws if the store cannot be reached, leaving
	 * nothing paused.
	 */
	@Override
	public void pause(String name) {
		this.actions.pause(name);
	}

	/**
	 * Resume a name of work: its waiting items start at once here, and on every instance
	 * within its poll interval (at once on PostgreSQL, which notifies them).
	 */
	@Override
	public void resume(String name) {
		this.actions.resume(name);
	}

	@Override
	public void pauseQueue() {
		this.actions.pauseQueue();
	}

	@Override
	public void resumeQueue() {
		this.actions.resumeQueue();
	}

	/**
	 * Return what is paused, as this instance holds it: with a durable store, a pause or
	 * resume made on another instance shows here within the poll interval.
	 */
	@Override
	public PausedWork paused() {
		return this.engine.forInspection().engine().paused();
	}

	/**
	 * Return where this queue keeps its typed work, if not in memory: for the health
	 * indicator, which reports the store's reachability.
	 * @return the durable side of the queue, or empty
	 * @since 0.1.0
	 */
	public Optional<DurableWork> durableWork() {
		QueueEngine.Built built = this.engine.ifBuilt();
		return Optional.ofNullable((built != null) ? built.durableWork() : null);
	}

	// --- Lifecycle

	/**
	 * Start the workers, which run the work enqueued so far and from now on; after a
	 * stop, accept work again and start new workers. Does not block.
	 */
	@Override
	public void start() {
		QueueEngine.Built built = this.engine.forStart();
		built.engine().start();
		DurableWork durableWork = built.durableWork();
		if (durableWork != null) {
			durableWork.start();
		}
	}

	@Override
	public boolean isRunning() {
		QueueEngine.Built built = this.engine.ifBuilt();
		return built != null && built.engine().isRunning();
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
	 * the last item ends. A second caller waits for the first one's drain. A queue that
	 * never started abandons its queued items at once, without waiting.
	 */
	@Override
	public void stop() {
		QueueEngine.Built built = this.engine.forStop();
		DurableWork durableWork = built.durableWork();
		if (durableWork != null) {
			durableWork.stopClaiming();
		}
		built.engine().stop();
		if (durableWork != null) {
			durableWork.stopped();
		}
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
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

		private Duration drainTimeout = Duration.ofSeconds(15);

		private Duration cancellationGrace = Duration.ofSeconds(5);

		private int historySize = 100;

		private int maxStackTrace = WorkError.DEFAULT_MAX_STACK_TRACE;

		private String threadNamePrefix = "bgwork-";

		private boolean virtualThreads;

		private @Nullable WorkErrorHandler errorHandler;

		private final List<WorkDecorator> decorators = new ArrayList<>();

		private final List<WorkListener> listeners = new ArrayList<>();

		private WorkHandlers handlers = WorkHandlers.of();

		private @Nullable Function<WorkEngine, DurableWork> durableWork;

		private WorkRetryPolicy retryPolicy = WorkRetryPolicy.builder().build();

		/**
		 * Every call made on this builder, in order, so that deferred configuration can
		 * run in its place among them.
		 */
		private final List<Consumer<Builder>> steps = new ArrayList<>();

		private boolean deferring;

		private boolean replaying;

		private Builder() {
		}

		/**
		 * Return a builder on which the given steps ran, deferred ones included.
		 */
		private static Builder replay(List<Consumer<Builder>> steps) {
			Builder builder = new Builder();
			builder.replaying = true;
			steps.forEach((step) -> step.accept(builder));
			return builder;
		}

		private Builder step(Consumer<Builder> step) {
			step.accept(this);
			if (!this.replaying) {
				this.steps.add(step);
			}
			return this;
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
			return step((builder) -> builder.concurrency = concurrency);
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
			return step((builder) -> builder.capacity = capacity);
		}

		/**
		 * Set what enqueue does when the queue is full.
		 * @param whenFull the policy
		 * @return this builder
		 */
		public Builder whenFull(WhenFull whenFull) {
			requireNonNull(whenFull, "whenFull");
			return step((builder) -> builder.whenFull = whenFull);
		}

		/**
		 * Set how long enqueue waits for room with {@link WhenFull#BLOCK}.
		 * @param blockTimeout not negative
		 * @return this builder
		 */
		public Builder blockTimeout(Duration blockTimeout) {
			requireNotNegative(blockTimeout, "blockTimeout");
			return step((builder) -> builder.blockTimeout = blockTimeout);
		}

		/**
		 * Set how long shutdown lets accepted work run before requesting cancellation.
		 * @param drainTimeout not negative
		 * @return this builder
		 */
		public Builder drainTimeout(Duration drainTimeout) {
			requireNotNegative(drainTimeout, "drainTimeout");
			return step((builder) -> builder.drainTimeout = drainTimeout);
		}

		/**
		 * Set how long shutdown waits after requesting cancellation before it abandons
		 * what still runs.
		 * @param cancellationGrace not negative
		 * @return this builder
		 */
		public Builder cancellationGrace(Duration cancellationGrace) {
			requireNotNegative(cancellationGrace, "cancellationGrace");
			return step((builder) -> builder.cancellationGrace = cancellationGrace);
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
			return step((builder) -> builder.historySize = historySize);
		}

		/**
		 * Set the most characters of a failure's stack trace (its causes included) that
		 * snapshots show; longer traces are cut, with a line saying how much was cut.
		 * @param maxStackTrace not negative; 0 keeps no stack trace
		 * @return this builder
		 */
		public Builder maxStackTrace(int maxStackTrace) {
			if (maxStackTrace < 0) {
				throw new IllegalArgumentException("maxStackTrace must not be negative, was " + maxStackTrace);
			}
			return step((builder) -> builder.maxStackTrace = maxStackTrace);
		}

		/**
		 * Set the prefix of the workers' thread names.
		 * @param threadNamePrefix the prefix
		 * @return this builder
		 */
		public Builder threadNamePrefix(String threadNamePrefix) {
			requireNonNull(threadNamePrefix, "threadNamePrefix");
			return step((builder) -> builder.threadNamePrefix = threadNamePrefix);
		}

		/**
		 * Set whether the workers are virtual threads, which needs Java 21 or later.
		 * @param virtualThreads whether to use virtual threads
		 * @return this builder
		 */
		public Builder virtualThreads(boolean virtualThreads) {
			return step((builder) -> builder.virtualThreads = virtualThreads);
		}

		/**
		 * Set what handles failures, instead of logging them at ERROR.
		 * @param errorHandler the handler
		 * @return this builder
		 */
		public Builder errorHandler(WorkErrorHandler errorHandler) {
			requireNonNull(errorHandler, "errorHandler");
			return step((builder) -> builder.errorHandler = errorHandler);
		}

		/**
		 * Add a decorator; the first added is the outermost.
		 * @param decorator the decorator
		 * @return this builder
		 */
		public Builder decorator(WorkDecorator decorator) {
			requireNonNull(decorator, "decorator");
			return step((builder) -> builder.decorators.add(decorator));
		}

		/**
		 * Add a listener.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(WorkListener listener) {
			requireNonNull(listener, "listener");
			return step((builder) -> builder.listeners.add(listener));
		}

		/**
		 * Set the handlers of typed work, found by name at enqueue time.
		 * @param handlers the handlers
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder handlers(WorkHandlers handlers) {
			requireNonNull(handlers, "handlers");
			return step((builder) -> builder.handlers = handlers);
		}

		/**
		 * Set how typed work is retried when it fails.
		 * @param retryPolicy the policy
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder retryPolicy(WorkRetryPolicy retryPolicy) {
			requireNonNull(retryPolicy, "retryPolicy");
			return step((builder) -> builder.retryPolicy = retryPolicy);
		}

		/**
		 * Keep typed work in a durable store instead of memory; lambdas stay in memory.
		 * @param durableWork makes the store's side of the queue, given the queue's
		 * engine
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder durableWork(Function<WorkEngine, DurableWork> durableWork) {
			requireNonNull(durableWork, "durableWork");
			return step((builder) -> builder.durableWork = durableWork);
		}

		/**
		 * Configure this builder later: when the queue first needs its configuration, as
		 * it starts or when the first work is enqueued before that, rather than now. The
		 * configuration then runs in the place of this call among the others: settings
		 * made on the builder after this call still win over the ones it makes, and the
		 * decorators and listeners it adds come before the ones added after this call.
		 * This is how a queue that is a bean looks up other beans (its decorators,
		 * listeners, customizers) without needing them while it is created, which would
		 * close a cycle through any bean that both needs the queue and declares one of
		 * them.
		 * @param configuration configures the builder; it may throw, and then what needed
		 * the queue's configuration (its start, or the enqueue) throws the same
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder deferred(Consumer<Builder> configuration) {
			requireNonNull(configuration, "configuration");
			if (this.replaying) {
				configuration.accept(this);
			}
			else {
				this.steps.add(configuration);
				this.deferring = true;
			}
			return this;
		}

		/**
		 * Build the queue. It accepts work at once and runs it from {@link #start()},
		 * which the application context calls when it starts.
		 * @return the queue
		 * @throws IllegalStateException if virtual threads were asked for on a Java
		 * version before 21; with {@link #deferred deferred} configuration, when the
		 * queue is built instead
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
