package io.github.backgroundwork.recurring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the recurring names of a queue on schedule: one thread that steps each name along
 * its due times ({@link DueTimes}) when it is worth looking, and otherwise sleeps. Every
 * instance runs one; the {@link RecurringStore} makes each due time one item for the
 * whole cluster (or, in memory, for this instance). The runs themselves are ordinary
 * typed items of the queue.
 * <p>
 * It takes its first step for every name once the singletons exist, before the queue
 * starts claiming, so that a run missed while the application was down is skipped before
 * anything could start it; its thread starts after the queue
 * ({@code DefaultBackgroundWorkQueue.PHASE + 1}) and stops before it.
 *
 * @since 0.1.0
 */
public class RecurringScheduler implements SmartLifecycle, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(RecurringScheduler.class);

	// Looks again at least this often, to notice what other instances and operators did
	private static final Duration MAX_SLEEP = Duration.ofMinutes(1);

	private final Map<String, RecurringWork> works = new ConcurrentHashMap<>();

	private final Set<String> disabled = ConcurrentHashMap.newKeySet();

	private final Supplier<RecurringNames> names;

	private final RecurringStore store;

	private final DueTimes dueTimes;

	private final RecurringStatuses statuses;

	private final Map<String, Long> wakeAt = new HashMap<>();

	// The last extra run triggered here, per name: the store knows scheduled runs only
	private final Map<String, String> triggered = new ConcurrentHashMap<>();

	private final Object lock = new Object();

	private final Object steps = new Object();

	private @Nullable ScheduledExecutorService executor;

	private boolean prepared;

	private boolean failing;

	/**
	 * Create a scheduler.
	 * @param queue the queue that runs the recurring names
	 * @param store where pending due times are kept
	 * @param names the recurring names, asked for once the singletons exist (when every
	 * handler is known)
	 */
	public RecurringScheduler(BackgroundWorkQueue queue, RecurringStore store, Supplier<RecurringNames> names) {
		this.names = names;
		this.store = store;
		this.dueTimes = new DueTimes(queue, store);
		this.statuses = new RecurringStatuses(queue, store);
	}

	/**
	 * Take the first step for every name, and report names that are switched off or whose
	 * handler is gone. Blocks for a few round trips to the store; a failure is logged,
	 * not thrown: the thread tries again.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		synchronized (this.lock) {
			if (this.prepared) {
				return;
			}
			this.prepared = true;
			RecurringNames names = this.names.get();
			names.enabled().forEach((work) -> this.works.put(work.name(), work));
			this.disabled.addAll(names.disabled());
		}
		try {
			Set<String> orphans = new TreeSet<>(this.store.names());
			orphans.removeAll(this.works.keySet());
			orphans.removeAll(this.disabled);
			for (String orphan : orphans) {
				logger.warn("Recurring work '" + orphan + "' has a pending run but no recurring handler here;"
						+ " its pending run is left alone");
			}
			for (String name : this.disabled) {
				this.statuses.cancelPending(name);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Recurring work could not read its pending runs: " + ex, ex);
		}
		stepDue();
	}

	/**
	 * Enqueue an extra run of a recurring name now, outside its schedule: an operator's
	 * "run now". It may overlap a scheduled run.
	 * @param name the recurring name
	 * @return the run's handle
	 * @throws IllegalArgumentException if the name is not a recurring name that is
	 * switched on, naming those that are
	 */
	public WorkHandle trigger(String name) {
		if (!this.works.containsKey(name)) {
			throw new IllegalArgumentException("'" + name + "' is not a recurring name that is switched on; those are: "
					+ String.join(", ", names()));
		}
		WorkHandle run = this.dueTimes.trigger(name);
		this.triggered.put(name, run.id());
		return run;
	}

	/**
	 * Return the recurring names that are switched on, without reading the store.
	 * @return their names, in order
	 */
	public Set<String> names() {
		return new TreeSet<>(this.works.keySet());
	}

	/**
	 * Describe every recurring name: schedule, next due time, last run (scheduled, or
	 * triggered on this instance, whichever started last), paused or not. Reads the store
	 * once or twice per name.
	 * @return one status per name, in name order
	 */
	public List<RecurringStatus> statuses() {
		List<RecurringStatus> result = new ArrayList<>();
		new TreeSet<>(this.works.keySet())
			.forEach((name) -> result.add(this.statuses.of(this.works.get(name), this.triggered.get(name))));
		return result;
	}

	/**
	 * Start the thread, after taking the first steps if that was not done yet. Does not
	 * block, except for those first steps.
	 */
	@Override
	public void start() {
		afterSingletonsInstantiated();
		synchronized (this.lock) {
			if (this.executor != null || this.works.isEmpty()) {
				return;
			}
			this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "background-work-recurring");
				thread.setDaemon(true);
				return thread;
			});
			this.executor.execute(this::stepDue);
		}
	}

	/**
	 * Stop the thread; a step under way finishes. Does not block.
	 */
	@Override
	public void stop() {
		synchronized (this.lock) {
			if (this.executor != null) {
				this.executor.shutdown();
				this.executor = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lock) {
			return this.executor != null;
		}
	}

	/**
	 * Return {@code DefaultBackgroundWorkQueue.PHASE + 1}: the thread starts once the
	 * queue runs and stops before it drains, so it never enqueues into a stopped queue.
	 */
	@Override
	public int getPhase() {
		return DefaultBackgroundWorkQueue.PHASE + 1;
	}

	/**
	 * Step every name whose time to look has come, then sleep until the next one's.
	 */
	private void stepDue() {
		synchronized (this.steps) {
			stepDueNames();
		}
	}

	private void stepDueNames() {
		long now = System.nanoTime();
		long next = now + MAX_SLEEP.toNanos();
		for (RecurringWork work : this.works.values()) {
			long at = this.wakeAt.getOrDefault(work.name(), now);
			if (at - now <= 0) {
				at = System.nanoTime() + step(work).toNanos();
				this.wakeAt.put(work.name(), at);
			}
			next = (at - next < 0) ? at : next;
		}
		synchronized (this.lock) {
			if (this.executor != null) {
				long delay = Math.max(0, next - System.nanoTime());
				this.executor.schedule(this::stepDue, delay, TimeUnit.NANOSECONDS);
			}
		}
	}

	private Duration step(RecurringWork work) {
		try {
			Duration again = this.dueTimes.step(work);
			this.failing = false;
			return (again.compareTo(MAX_SLEEP) > 0) ? MAX_SLEEP : again;
		}
		catch (RuntimeException ex) {
			// One warning per outage: the store or the queue is unavailable for every
			// name
			if (!this.failing) {
				logger.warn("Recurring work '" + work.name() + "' could not take its next step (tried again every"
						+ " second, logged at DEBUG until it succeeds): " + ex, ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Recurring work '" + work.name() + "' could not take its next step: " + ex, ex);
			}
			this.failing = true;
			return Duration.ofSeconds(1);
		}
	}

}
