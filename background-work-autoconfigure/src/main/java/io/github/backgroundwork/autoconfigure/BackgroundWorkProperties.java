package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.backgroundwork.WhenFull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the background work queue.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("background-work")
public class BackgroundWorkProperties {

	/**
	 * Whether to auto-configure the background work queue.
	 */
	private boolean enabled = true;

	/**
	 * Maximum number of items that run at once.
	 */
	private int concurrency = 8;

	/**
	 * Whether the workers are virtual threads, which needs Java 21 or later. Unset
	 * follows spring.threads.virtual.enabled.
	 */
	private @Nullable Boolean virtualThreads;

	/**
	 * Prefix of the workers' thread names, followed by a number. Short enough by default
	 * that Spring Boot's default log pattern, which shows 15 characters, shows it whole.
	 */
	private String threadNamePrefix = "bgwork-";

	/**
	 * Whether to carry the logging MDC and the current Micrometer observation from the
	 * enqueuing thread to the work, with Micrometer's context-propagation library
	 * (io.micrometer:context-propagation, which the starter brings). Without that library
	 * on the classpath, propagation is inactive and a line at startup says so. The
	 * security context is never carried this way. Applies to work kept in memory: typed
	 * work kept with store=jdbc carries only what its row holds, whatever this says, the
	 * trace context and the MDC entries background-work.jdbc.mdc-keys names.
	 */
	private boolean propagateContext = true;

	/**
	 * Where typed work is kept: in this JVM only (memory), or in the application's
	 * DataSource (jdbc), where it survives restarts and is shared by every instance.
	 * Lambdas always stay in memory.
	 */
	private Store store = Store.MEMORY;

	private final Queue queue = new Queue();

	private final Shutdown shutdown = new Shutdown();

	private final History history = new History();

	private final Metrics metrics = new Metrics();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		PropertyChecks.atLeast(concurrency, 1, "concurrency");
		this.concurrency = concurrency;
	}

	public @Nullable Boolean getVirtualThreads() {
		return this.virtualThreads;
	}

	public void setVirtualThreads(@Nullable Boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	public String getThreadNamePrefix() {
		return this.threadNamePrefix;
	}

	public void setThreadNamePrefix(String threadNamePrefix) {
		this.threadNamePrefix = threadNamePrefix;
	}

	public boolean isPropagateContext() {
		return this.propagateContext;
	}

	public void setPropagateContext(boolean propagateContext) {
		this.propagateContext = propagateContext;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Queue getQueue() {
		return this.queue;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public History getHistory() {
		return this.history;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Configuration of the waiting queue.
	 */
	public static class Queue {

		/**
		 * Maximum number of items waiting for a worker.
		 */
		private int capacity = 10_000;

		/**
		 * What enqueue does when the queue is full: reject at once, block the caller up
		 * to the block timeout then reject, or run the work on the caller's thread.
		 */
		private WhenFull whenFull = WhenFull.REJECT;

		/**
		 * How long enqueue waits for room when the policy is 'block'.
		 */
		private Duration blockTimeout = Duration.ofSeconds(1);

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			PropertyChecks.atLeast(capacity, 1, "queue.capacity");
			this.capacity = capacity;
		}

		public WhenFull getWhenFull() {
			return this.whenFull;
		}

		public void setWhenFull(WhenFull whenFull) {
			this.whenFull = whenFull;
		}

		public Duration getBlockTimeout() {
			return this.blockTimeout;
		}

		public void setBlockTimeout(Duration blockTimeout) {
			PropertyChecks.notNegative(blockTimeout, "queue.block-timeout");
			this.blockTimeout = blockTimeout;
		}

	}

	/**
	 * Configuration of the shutdown drain.
	 */
	public static class Shutdown {

		/**
		 * How long shutdown lets queued items start and running items finish before it
		 * requests cancellation.
		 */
		private Duration drainTimeout = Duration.ofSeconds(15);

		/**
		 * How long shutdown waits after requesting cancellation before it interrupts the
		 * workers and reports unfinished items as abandoned.
		 */
		private Duration cancellationGrace = Duration.ofSeconds(5);

		public Duration getDrainTimeout() {
			return this.drainTimeout;
		}

		public void setDrainTimeout(Duration drainTimeout) {
			PropertyChecks.notNegative(drainTimeout, "shutdown.drain-timeout");
			this.drainTimeout = drainTimeout;
		}

		public Duration getCancellationGrace() {
			return this.cancellationGrace;
		}

		public void setCancellationGrace(Duration cancellationGrace) {
			PropertyChecks.notNegative(cancellationGrace, "shutdown.cancellation-grace");
			this.cancellationGrace = cancellationGrace;
		}

	}

	/**
	 * Configuration of the history of finished items.
	 */
	public static class History {

		/**
		 * Number of finished items kept for inspection.
		 */
		private int size = 100;

		/**
		 * Most of a failure's stack trace (its causes included) kept in the history and
		 * in the durable store's row, counted in characters; longer traces are cut, with
		 * a line saying how much was cut. 0 keeps none.
		 */
		private DataSize maxStackTrace = DataSize.ofKilobytes(4);

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			PropertyChecks.atLeast(size, 0, "history.size");
			this.size = size;
		}

		public DataSize getMaxStackTrace() {
			return this.maxStackTrace;
		}

		public void setMaxStackTrace(DataSize maxStackTrace) {
			if (maxStackTrace.isNegative() || maxStackTrace.toBytes() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException(
						"background-work.history.max-stack-trace must be between 0 and 2GB, was " + maxStackTrace);
			}
			this.maxStackTrace = maxStackTrace;
		}

	}

	@NestedConfigurationProperty
	private final BackgroundWorkRetryProperties retry = new BackgroundWorkRetryProperties();

	/**
	 * Recurring work by name: overrides of the schedule of each recurring
	 * {@code @BackgroundWorkHandler}.
	 */
	private final Map<String, BackgroundWorkRecurringProperties> recurring = new LinkedHashMap<>();

	public BackgroundWorkRetryProperties getRetry() {
		return this.retry;
	}

	public Map<String, BackgroundWorkRecurringProperties> getRecurring() {
		return this.recurring;
	}

	/**
	 * Configuration of meters and observations.
	 */
	public static class Metrics {

		/**
		 * Maximum number of distinct work names used as tag values of meters and
		 * observations. Further names are tagged 'OTHER', and a warning is logged once;
		 * the actuator endpoint still shows the real names.
		 */
		private int maxNames = 100;

		public int getMaxNames() {
			return this.maxNames;
		}

		public void setMaxNames(int maxNames) {
			PropertyChecks.atLeast(maxNames, 1, "metrics.max-names");
			this.maxNames = maxNames;
		}

	}

	/**
	 * Where typed work is kept.
	 */
	public enum Store {

		/**
		 * In this JVM only: lost when it stops.
		 */
		MEMORY,

		/**
		 * In the application's DataSource, shared by every instance.
		 */
		JDBC

	}

}
