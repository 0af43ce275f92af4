package io.github.backgroundwork.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.AsyncBackgroundWork;
import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.QueueSnapshot;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkNameSummary;
import io.github.backgroundwork.WorkPage;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkRequest;
import org.jspecify.annotations.Nullable;

/**
 * The engine of one queue: what
 * {@link io.github.backgroundwork.DefaultBackgroundWorkQueue} delegates to. Internal.
 *
 * @since 0.1.0
 */
public final class WorkEngine {

	private final Dispatcher dispatcher;

	private final Admission admission;

	private final TypedAdmission typedAdmission;

	private final ClaimedAdmission claimedAdmission;

	private final EngineSettings settings;

	private final DispatcherLifecycle lifecycle;

	private final Workers workers;

	private final ShutdownSequence shutdown;

	private final Inspector inspector;

	private final OperatorActions actions;

	private final Pauses pauses;

	/**
	 * Create an engine; it accepts work at once and runs it from {@link #start()}.
	 * @param settings the settings, already checked
	 */
	public WorkEngine(EngineSettings settings) {
		WorkEvents events = new WorkEvents(settings.listeners(), settings.errorHandler());
		ItemRunner runner = new ItemRunner(events, settings.decorators());
		this.dispatcher = new Dispatcher(settings, runner, events);
		ItemRegistry registry = this.dispatcher.registry;
		this.admission = new Admission(registry, this.dispatcher, runner, events);
		this.typedAdmission = new TypedAdmission(registry, this.dispatcher, this.admission, runner);
		this.claimedAdmission = new ClaimedAdmission(registry, this.dispatcher, runner);
		this.settings = settings;
		this.lifecycle = new DispatcherLifecycle(registry, this.dispatcher);
		this.inspector = new Inspector(registry);
		this.actions = new OperatorActions(registry, this.dispatcher, this.admission, runner);
		this.pauses = new Pauses(registry);
		this.workers = new Workers(settings.threadNamePrefix(), settings.virtualThreads(), settings.concurrency());
		this.shutdown = new ShutdownSequence(this.lifecycle, this.inspector, this.workers, events, settings,
				this.pauses);
	}

	/**
	 * Accept synchronous work.
	 * @param name the name, checked
	 * @param work the work
	 * @return the handle
	 */
	public WorkHandle submit(String name, BackgroundWork work) {
		return this.admission.submit(name, work);
	}

	/**
	 * Accept asynchronous work.
	 * @param name the name, checked
	 * @param work the work
	 * @return the handle
	 */
	public WorkHandle submitAsync(String name, AsyncBackgroundWork work) {
		return this.admission.submit(name, work);
	}

	/**
	 * Accept typed work.
	 * @param request the request
	 * @return the handle, or the live item's if the key is live
	 */
	public WorkHandle submit(WorkRequest request) {
		return this.typedAdmission.submit(request);
	}

	/**
	 * Accept typed work, all or none.
	 * @param requests the requests
	 * @return a handle per request
	 */
	public List<WorkHandle> submitAll(List<WorkRequest> requests) {
		return this.typedAdmission.submitAll(requests);
	}

	/**
	 * Accept an item a durable store has stored and claimed for this queue: it is queued
	 * at once, past the capacity and the keys, with the row's id as its id, and is never
	 * retried in memory. Does not block. The queue's decorators wrap it on the calling
	 * thread, as they wrap other work on the enqueuing thread: what they capture (the
	 * current observation, for one) is the caller's.
	 * @param id the row's id
	 * @param request the request read back from the row
	 * @param attempt the attempt this run is, counting from 1
	 * @param maxRetries the retries the store allows it, for the logs
	 * @return the item, or {@code null} if the queue no longer takes work (it is
	 * stopping): the store should take the row back
	 * @throws IllegalArgumentException if no handler has the request's name
	 */
	public @Nullable WorkHandle submitClaimed(String id, WorkRequest request, int attempt, int maxRetries) {
		return this.claimedAdmission.submit(id, request, attempt, maxRetries);
	}

	/**
	 * Return how long a claimed item that failed waits before its store runs it again, as
	 * decided (with the retry policy's backoff) and logged when it ended here.
	 * @param handle a handle {@link #submitClaimed} returned
	 * @return the delay, or {@code null} if the item did not fail or has no retry left
	 */
	public @Nullable Duration storedRetryDelay(WorkHandle handle) {
		TypedWork typed = (handle instanceof WorkItem item) ? item.typed() : null;
		return (typed != null) ? typed.storedRetryDelay : null;
	}

	/**
	 * Return how many more items could start now: the free places less the items already
	 * waiting for one. What a durable store claims at most.
	 * @return the number of places to fill
	 */
	public int freePlaces() {
		return this.claimedAdmission.freePlaces(0);
	}

	/**
	 * Return how many more items a durable store may hand over now, to start at once or
	 * to wait for one of the given number of places to free up: the free places, plus
	 * {@code ahead}, less the items already waiting for one.
	 * @param ahead how many items may wait for a place; a claimer whose round trip to its
	 * store outlasts the work claims ahead by the places that free up meanwhile
	 * @return the number of items to claim
	 */
	public int freePlaces(int ahead) {
		return this.claimedAdmission.freePlaces(ahead);
	}

	/**
	 * End a claimed item that has not started as
	 * {@link io.github.backgroundwork.WorkState#ABANDONED}, so that its store can take it
	 * back.
	 * @param handle a handle {@link #submitClaimed} returned
	 * @return whether it had not started and now ended
	 */
	public boolean withdraw(WorkHandle handle) {
		return this.claimedAdmission.withdraw(handle);
	}

	/**
	 * Whether an item's work still executes: its synchronous work (a typed handler
	 * included) has not returned on its thread, or its asynchronous work's stage has not
	 * completed. True even once the item has ended
	 * {@link io.github.backgroundwork.WorkState#ABANDONED} at the shutdown deadline,
	 * while its thread ignores the interrupt: a durable store keeps the claim of such an
	 * item rather than let another instance run it at the same time. False before the
	 * work starts, once it has returned, and for handles of other engines. Does not
	 * block; one volatile read.
	 * @param handle any handle
	 * @return whether the item's work executes now
	 */
	public boolean isExecuting(WorkHandle handle) {
		return handle instanceof WorkItem item && item.dispatcher == this.dispatcher && item.isExecuting();
	}

	/**
	 * Return a new item id, unique to this queue, in the form of every other.
	 * @return the id
	 */
	public String newId() {
		return this.dispatcher.ids.format(this.dispatcher.registry.sequence.incrementAndGet());
	}

	/**
	 * Return the settings the engine was made with.
	 * @return the settings
	 */
	public EngineSettings settings() {
		return this.settings;
	}

	/**
	 * Start the workers, or start them again after a stop. Does not block.
	 */
	public void start() {
		if (this.lifecycle.startDispatching()) {
			this.workers.start(this.dispatcher::work);
		}
	}

	/**
	 * Run the shutdown sequence; blocks until the queue has terminated.
	 */
	public void stop() {
		this.shutdown.run();
	}

	/**
	 * Whether workers run items.
	 * @return whether the engine has started and not yet terminated
	 */
	public boolean isRunning() {
		return this.lifecycle.isDispatching();
	}

	/**
	 * Return the queue's state.
	 * @return the state
	 */
	public QueueState state() {
		return this.lifecycle.state();
	}

	/**
	 * Find an item.
	 * @param id any string
	 * @return the item, if known
	 */
	public Optional<WorkHandle> find(@Nullable String id) {
		return this.inspector.find(id);
	}

	/**
	 * Return the statistics.
	 * @return the statistics
	 */
	public QueueStatistics statistics() {
		return this.inspector.statistics();
	}

	/**
	 * Return a page of items.
	 * @param query the query
	 * @return the page
	 */
	public WorkPage items(WorkQuery query) {
		return this.inspector.items(query);
	}

	/**
	 * Return counts per name.
	 * @return the counts
	 */
	public List<WorkNameSummary> summaryByName() {
		return this.inspector.summaryByName();
	}

	/**
	 * Return a snapshot of every item.
	 * @return the snapshot
	 */
	public QueueSnapshot snapshot() {
		return this.inspector.snapshot();
	}

	/**
	 * Run an ended typed item kept in memory again under its id, with a fresh retry
	 * budget, queued at once (subject to the capacity, as an enqueue is). The ended item
	 * leaves the history; handles to it keep showing how it ended.
	 * @param id the item's id
	 * @return {@code APPLIED}; {@code NOT_FOUND} if no item kept in memory has that id;
	 * {@code LIVE} if it has not ended or another item of its key is live;
	 * {@code NOT_RERUNNABLE} for a lambda or an item that succeeded
	 * @throws io.github.backgroundwork.WorkRejectedException if the queue is full or
	 * shutting down
	 */
	public ActionResult retry(String id) {
		return this.actions.retry(id);
	}

	/**
	 * Forget an ended item kept in memory at once; its outcome stays counted.
	 * @param id the item's id
	 * @return {@code APPLIED}, {@code NOT_FOUND} or {@code LIVE}
	 */
	public ActionResult delete(String id) {
		return this.actions.delete(id);
	}

	/**
	 * Retry every ended item kept in memory that failed, was cancelled or abandoned and
	 * matches the filter.
	 * @param filter the filter
	 * @return how many matched and were retried
	 */
	public BulkResult retryAll(WorkFilter filter) {
		return this.actions.retryAll(filter);
	}

	/**
	 * Cancel every live item kept in memory that matches the filter.
	 * @param filter the filter
	 * @return how many matched and were cancelled
	 */
	public BulkResult cancelAll(WorkFilter filter) {
		return this.actions.cancelAll(filter);
	}

	/**
	 * Forget every ended item kept in memory that matches the filter.
	 * @param filter the filter
	 * @return how many matched and were forgotten
	 */
	public BulkResult deleteAll(WorkFilter filter) {
		return this.actions.deleteAll(filter);
	}

	/**
	 * Pause a name of work: its items wait, from the next one a worker takes, until it is
	 * resumed; running items go on. Does not block.
	 * @param name the name, checked
	 * @return whether it was not paused
	 */
	public boolean pause(String name) {
		return this.pauses.pause(name);
	}

	/**
	 * Resume a name of work: the items it held are taken at once.
	 * @param name the name, checked
	 * @return whether it was paused
	 */
	public boolean resume(String name) {
		return this.pauses.resume(name);
	}

	/**
	 * Pause the whole queue: no item starts until it is resumed.
	 * @return whether it was not paused
	 */
	public boolean pauseQueue() {
		return this.pauses.pause(null);
	}

	/**
	 * Resume the whole queue: the items it held are taken at once, but those of names
	 * paused one by one.
	 * @return whether it was paused
	 */
	public boolean resumeQueue() {
		return this.pauses.resume(null);
	}

	/**
	 * Make the pauses exactly these, as a durable store shared by every instance says
	 * they are: what they no longer hold is taken at once.
	 * @param pauses what is paused
	 * @return whether anything changed
	 */
	public boolean setPaused(PausedWork pauses) {
		return this.pauses.set(pauses);
	}

	/**
	 * Return what is paused.
	 * @return the paused queue and names
	 */
	public PausedWork paused() {
		return this.pauses.paused();
	}

	ReadyQueue readyQueue() {
		return this.dispatcher.registry.ready;
	}

}
