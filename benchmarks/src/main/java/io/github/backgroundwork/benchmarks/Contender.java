package io.github.backgroundwork.benchmarks;

import java.lang.reflect.Method;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.metrics.BackgroundWorkMeterBinder;
import io.github.backgroundwork.metrics.BackgroundWorkMetricsListener;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.github.backgroundwork.observation.ContextPropagatingWorkDecorator;
import io.github.backgroundwork.observation.ObservationWorkDecorator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.WhenFull;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One of the executors compared, set up with the same concurrency, capacity and when-full
 * behaviour (the caller waits for room) as the others.
 */
abstract class Contender implements AutoCloseable {

	/**
	 * Workers of every contender.
	 */
	static final int CONCURRENCY = 2;

	/**
	 * Room for waiting items in every contender, unless a measurement needs more.
	 */
	static final int CAPACITY = 10_000;

	/**
	 * The names accepted by {@link #start(String, String, int)}, as JMH parameters.
	 */
	static final String QUEUE = "background-work-queue";

	static final String THREAD_POOL_EXECUTOR = "thread-pool-executor";

	static final String THREAD_POOL_TASK_EXECUTOR = "thread-pool-task-executor";

	/**
	 * The queue with every feature the starter auto-configures: an observation per item
	 * (with a meter handler), context propagation, and the per-name meters.
	 */
	static final String OBSERVED_QUEUE = "background-work-queue+all";

	static final String METERED_QUEUE = "background-work-queue+metrics";

	static final String TRACED_QUEUE = "background-work-queue+observation";

	static final String PROPAGATING_QUEUE = "background-work-queue+propagation";

	/**
	 * Start a contender.
	 * @param kind {@link #QUEUE}, {@link #THREAD_POOL_EXECUTOR} or
	 * {@link #THREAD_POOL_TASK_EXECUTOR}
	 * @param threads {@code platform} or {@code virtual}
	 * @param capacity room for waiting items
	 * @return the started contender
	 */
	static Contender start(String kind, String threads, int capacity) {
		return start(kind, threads, capacity, CONCURRENCY);
	}

	/**
	 * Start a contender with the given number of workers.
	 * @param kind {@link #QUEUE}, {@link #THREAD_POOL_EXECUTOR} or
	 * {@link #THREAD_POOL_TASK_EXECUTOR}
	 * @param threads {@code platform} or {@code virtual}
	 * @param capacity room for waiting items
	 * @param concurrency how many workers
	 * @return the started contender
	 */
	static Contender start(String kind, String threads, int capacity, int concurrency) {
		boolean virtual = switch (threads) {
			case "platform" -> false;
			case "virtual" -> true;
			default -> throw new IllegalArgumentException("threads must be platform or virtual, was " + threads);
		};
		return switch (kind) {
			case QUEUE -> new Queue(virtual, capacity, concurrency, Features.NONE);
			case OBSERVED_QUEUE -> new Queue(virtual, capacity, concurrency, Features.ALL);
			case METERED_QUEUE -> new Queue(virtual, capacity, concurrency, Features.METRICS);
			case TRACED_QUEUE -> new Queue(virtual, capacity, concurrency, Features.OBSERVATION);
			case PROPAGATING_QUEUE -> new Queue(virtual, capacity, concurrency, Features.PROPAGATION);
			case THREAD_POOL_EXECUTOR -> new PlainExecutor(virtual, capacity, concurrency);
			case THREAD_POOL_TASK_EXECUTOR -> new SpringExecutor(virtual, capacity, concurrency);
			default -> throw new IllegalArgumentException("Unknown contender " + kind);
		};
	}

	/**
	 * Return something that submits the task once each time it runs, so that the
	 * benchmark loop allocates nothing of its own per item.
	 * @param task the task, shared by every submission
	 * @return the submitter
	 */
	abstract Runnable submitter(Runnable task);

	/**
	 * Whether {@link #close()} has begun.
	 * @return whether the contender is shutting down
	 */
	abstract boolean isShuttingDown();

	/**
	 * Shut down, letting every submitted task finish first.
	 */
	@Override
	public abstract void close();

	/**
	 * Wait for room in a full pool, as {@link WhenFull#BLOCK} does: the JDK has no such
	 * policy of its own.
	 */
	static final RejectedExecutionHandler WAIT_FOR_ROOM = (task, executor) -> {
		if (executor.isShutdown()) {
			throw new RejectedExecutionException("Shut down");
		}
		try {
			executor.getQueue().put(task);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RejectedExecutionException("Interrupted", ex);
		}
	};

	static ThreadFactory threadFactory(String prefix, boolean virtual) {
		if (virtual) {
			try {
				Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
				Class<?> builderType = Class.forName("java.lang.Thread$Builder");
				builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
				Method factory = builderType.getMethod("factory");
				return (ThreadFactory) factory.invoke(builder);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Virtual threads need Java 21 or later", ex);
			}
		}
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	static final class Queue extends Contender {

		private final DefaultBackgroundWorkQueue queue;

		Queue(boolean virtual, int capacity, int concurrency, Features features) {
			DefaultBackgroundWorkQueue.Builder builder = DefaultBackgroundWorkQueue.builder()
				.concurrency(concurrency)
				.capacity(capacity)
				.whenFull(WhenFull.BLOCK)
				.blockTimeout(java.time.Duration.ofMinutes(1))
				.threadNamePrefix("bench-queue-")
				.virtualThreads(virtual);
			MeterRegistry registry = new SimpleMeterRegistry();
			features.apply(builder, registry);
			this.queue = builder.build();
			features.bind(this.queue, registry);
			this.queue.start();
		}

		DefaultBackgroundWorkQueue queue() {
			return this.queue;
		}

		@Override
		Runnable submitter(Runnable task) {
			BackgroundWork work = (context) -> task.run();
			return () -> this.queue.enqueue("benchmark", work);
		}

		@Override
		boolean isShuttingDown() {
			return this.queue.statistics().state() != QueueState.RUNNING;
		}

		@Override
		public void close() {
			this.queue.close();
		}

	}

	static final class PlainExecutor extends Contender {

		private final ThreadPoolExecutor executor;

		PlainExecutor(boolean virtual, int capacity, int concurrency) {
			this.executor = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
					new LinkedBlockingQueue<>(capacity), threadFactory("bench-tpe-", virtual), WAIT_FOR_ROOM);
			this.executor.prestartAllCoreThreads();
		}

		@Override
		Runnable submitter(Runnable task) {
			return () -> this.executor.execute(task);
		}

		@Override
		boolean isShuttingDown() {
			return this.executor.isShutdown();
		}

		@Override
		public void close() {
			this.executor.shutdown();
			try {
				this.executor.awaitTermination(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	static final class SpringExecutor extends Contender {

		private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

		SpringExecutor(boolean virtual, int capacity, int concurrency) {
			this.executor.setCorePoolSize(concurrency);
			this.executor.setMaxPoolSize(concurrency);
			this.executor.setQueueCapacity(capacity);
			this.executor.setPrestartAllCoreThreads(true);
			this.executor.setRejectedExecutionHandler(WAIT_FOR_ROOM);
			this.executor.setWaitForTasksToCompleteOnShutdown(true);
			this.executor.setAwaitTerminationSeconds(60);
			this.executor.setThreadNamePrefix("bench-tpte-");
			this.executor.setVirtualThreads(virtual);
			this.executor.initialize();
		}

		@Override
		Runnable submitter(Runnable task) {
			return () -> this.executor.execute(task);
		}

		@Override
		boolean isShuttingDown() {
			return this.executor.getThreadPoolExecutor().isShutdown();
		}

		@Override
		public void close() {
			this.executor.shutdown();
		}

	}

	/**
	 * What the starter adds to a queue, as its auto-configuration does.
	 */
	enum Features {

		NONE(false, false, false), METRICS(true, false, false), OBSERVATION(false, true, false),
		PROPAGATION(false, false, true), ALL(true, true, true);

		private final boolean metrics;

		private final boolean observation;

		private final boolean propagation;

		Features(boolean metrics, boolean observation, boolean propagation) {
			this.metrics = metrics;
			this.observation = observation;
			this.propagation = propagation;
		}

		void apply(DefaultBackgroundWorkQueue.Builder builder, MeterRegistry registry) {
			if (this.observation) {
				ObservationRegistry observations = ObservationRegistry.create();
				observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
				ObservationWorkDecorator decorator = new ObservationWorkDecorator(observations, null);
				builder.decorator(decorator).listener(decorator);
			}
			if (this.propagation) {
				builder.decorator(new ContextPropagatingWorkDecorator());
			}
			if (this.metrics) {
				builder.listener(
						new BackgroundWorkMetricsListener(registry, "benchmark", new WorkNameTags(100, "max-names")));
			}
		}

		void bind(DefaultBackgroundWorkQueue queue, MeterRegistry registry) {
			if (this.metrics) {
				new BackgroundWorkMeterBinder("benchmark", queue).bindTo(registry);
			}
		}

	}

}
