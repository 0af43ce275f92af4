package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import javax.sql.DataSource;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.engine.DurableWork;
import io.github.backgroundwork.engine.WorkEngine;
import io.github.backgroundwork.jdbc.InsertedWork;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.PostgresWorkNotifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Typed work of one queue kept in a {@link JdbcWorkStore}: enqueue inserts rows in the
 * caller's transaction, and a claimer runs them on the queue's workers, woken after a
 * local commit, by PostgreSQL's notifications, or by the poll interval. Give it to a
 * queue with
 * {@code DefaultBackgroundWorkQueue.builder().durableWork(JdbcDurableWork.factory(...))}.
 *
 * @since 0.1.0
 */
public final class JdbcDurableWork implements DurableWork {

	private final DurableEnqueuer enqueuer;

	private final DurableWorkSource source;

	private final @Nullable PostgresWorkNotifier notifier;

	private final JdbcWorkStore store;

	private final StoredWorkCanceller canceller;

	private final String queue;

	private JdbcDurableWork(WorkEngine engine, Builder settings) {
		this.store = settings.store;
		this.queue = settings.queue;
		PayloadCodec codec = new PayloadCodec(settings.mapper, JdbcDurableWork.class.getClassLoader(),
				engine.settings().handlers(), settings.maxPayloadSize);
		String owner = "bgwork-" + UUID.randomUUID().toString().substring(0, 13);
		this.source = new DurableWorkSource(settings.queue, engine, this.store, codec, owner, settings.pollInterval,
				settings.retention, settings.tracing);
		this.canceller = new StoredWorkCanceller(this.store, this.source::claimedHandle);
		this.enqueuer = new DurableEnqueuer(settings.queue, engine, this.store, codec, this.source::wake,
				settings.tracing, this.canceller, this.source.completions(), settings.mdc);
		this.notifier = this.store.supportsNotifications()
				? new PostgresWorkNotifier(settings.dataSource, this.store.notificationChannel(), this::notified)
				: null;
	}

	/**
	 * Start configuring the durable side of a queue: its store, and the rest at their
	 * defaults (the auto-configured queue's name, a 1 s poll interval, 7 days of
	 * retention, no trace contexts nor MDC entries carried, payloads up to 1 MB).
	 * @param dataSource the data source of the store, for PostgreSQL's listener
	 * @param store the store
	 * @param mapper the mapper that writes and reads payloads, less its default typing
	 * @return the builder
	 * @since 0.1.0
	 */
	public static Builder builder(DataSource dataSource, JdbcWorkStore store, JsonMapper mapper) {
		return new Builder(dataSource, store, mapper);
	}

	/**
	 * Return what makes the durable side of a queue.
	 * @param dataSource the data source of the store, for PostgreSQL's listener
	 * @param store the store
	 * @param mapper the mapper that writes and reads payloads
	 * @param pollInterval the longest time before work nobody announced is noticed
	 * @param retention how long finished rows are kept
	 * @return the factory, for {@code DefaultBackgroundWorkQueue.Builder.durableWork}
	 */
	public static Function<WorkEngine, DurableWork> factory(DataSource dataSource, JdbcWorkStore store,
			JsonMapper mapper, Duration pollInterval, Duration retention) {
		return factory(dataSource, store, mapper, pollInterval, retention, null);
	}

	/**
	 * Return what makes the durable side of a queue, carrying the enqueuing trace context
	 * with each row to the instance that runs it.
	 * @param dataSource the data source of the store, for PostgreSQL's listener
	 * @param store the store
	 * @param mapper the mapper that writes and reads payloads
	 * @param pollInterval the longest time before work nobody announced is noticed
	 * @param retention how long finished rows are kept
	 * @param tracing what stores and continues trace contexts, or {@code null} to store
	 * none and ignore those stored
	 * @return the factory, for {@code DefaultBackgroundWorkQueue.Builder.durableWork}
	 */
	public static Function<WorkEngine, DurableWork> factory(DataSource dataSource, JdbcWorkStore store,
			JsonMapper mapper, Duration pollInterval, Duration retention, @Nullable DurableWorkTracing tracing) {
		return builder(dataSource, store, mapper).pollInterval(pollInterval)
			.retention(retention)
			.tracing(tracing)
			.factory();
	}

	/**
	 * Return what makes the durable side of a queue, carrying the enqueuing trace context
	 * and the MDC entries {@code mdc} names with each row to the instance that runs it.
	 * @param dataSource the data source of the store, for PostgreSQL's listener
	 * @param store the store
	 * @param mapper the mapper that writes and reads payloads, less its default typing
	 * @param pollInterval the longest time before work nobody announced is noticed
	 * @param retention how long finished rows are kept
	 * @param tracing what stores and continues trace contexts, or {@code null} to store
	 * none and ignore those stored
	 * @param mdc the MDC entries to store; add it to the queue as a decorator too
	 * @param maxPayloadSize the largest payload enqueue stores, as JSON in UTF-8
	 * ({@code 1MB} by the other factories)
	 * @return the factory, for {@code DefaultBackgroundWorkQueue.Builder.durableWork}
	 * @since 0.1.0
	 */
	public static Function<WorkEngine, DurableWork> factory(DataSource dataSource, JdbcWorkStore store,
			JsonMapper mapper, Duration pollInterval, Duration retention, @Nullable DurableWorkTracing tracing,
			StoredMdc mdc, DataSize maxPayloadSize) {
		return builder(dataSource, store, mapper).pollInterval(pollInterval)
			.retention(retention)
			.tracing(tracing)
			.mdc(mdc)
			.maxPayloadSize(maxPayloadSize)
			.factory();
	}

	@Override
	public Optional<WorkHandle> find(String id) {
		return this.store.reader()
			.findById(id)
			.map((row) -> new StoredWorkHandle(new InsertedWork(row.id(), false), row.name(), this.store,
					this.canceller, this.source.completions(), CompletableFuture.completedFuture(true)));
	}

	@Override
	public List<WorkHandle> enqueueAll(List<WorkRequest> requests) {
		return this.enqueuer.enqueueAll(requests);
	}

	private void notified(@Nullable String name) {
		if (name == null || JdbcWorkStore.PAUSES_CHANGED.equals(name)) {
			// A pause changed, or notifications may have been missed
			this.source.pauses().changed();
		}
		this.source.wake();
	}

	/**
	 * Store the pause, so that every instance holds it within its poll interval (at once
	 * on PostgreSQL, which notifies them), then hold it here.
	 */
	@Override
	public void pause(@Nullable String name) {
		this.source.pauses().pause(name);
	}

	/**
	 * Delete the stored pause, so that every instance starts the waiting items within its
	 * poll interval (at once on PostgreSQL, which notifies them), then release it here
	 * and claim at once.
	 */
	@Override
	public void resume(@Nullable String name) {
		this.source.pauses().resume(name);
		this.source.wake();
	}

	@Override
	public void start() {
		this.source.start();
		if (this.notifier != null) {
			this.notifier.start();
		}
	}

	@Override
	public void stopClaiming() {
		if (this.notifier != null) {
			this.notifier.stop();
		}
		this.source.stopClaiming();
	}

	@Override
	public void stopped() {
		this.source.stop();
	}

	/**
	 * Return whether this queue listens for the database's notifications of new work
	 * right now: {@code false} on databases without notifications, before
	 * {@link #start()}, after {@link #stopClaiming()}, and while a lost listener
	 * connection is being re-established.
	 * @return whether the listener is connected and listening
	 */
	public boolean isListening() {
		return this.notifier != null && this.notifier.isListening();
	}

	/**
	 * Return whether this queue's claimer reaches the store: while its statements fail
	 * (the database is down, read-only, or lacks the table), it retries with a backoff
	 * and this says since when and why.
	 * @return the store's health as the claimer sees it
	 */
	public StoreHealth storeHealth() {
		return this.source.health();
	}

	/**
	 * Return the id this queue claims rows under.
	 * @return the owner id
	 */
	public String owner() {
		return this.source.owner();
	}

	@Override
	public long countUnended() {
		return this.store.reader().countUnended(this.queue);
	}

	/**
	 * Return the queue whose rows this side stores and claims.
	 * @return the queue's name
	 * @since 0.1.0
	 */
	public String queue() {
		return this.queue;
	}

	/**
	 * Configures the durable side of a queue; {@link #factory()} makes it.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private final JdbcWorkStore store;

		private final JsonMapper mapper;

		private String queue = JdbcWorkStore.DEFAULT_QUEUE;

		private Duration pollInterval = Duration.ofSeconds(1);

		private Duration retention = Duration.ofDays(7);

		private @Nullable DurableWorkTracing tracing;

		private StoredMdc mdc = StoredMdc.none();

		private DataSize maxPayloadSize = PayloadCodec.DEFAULT_MAX_SIZE;

		private Builder(DataSource dataSource, JdbcWorkStore store, JsonMapper mapper) {
			Assert.notNull(dataSource, "dataSource must not be null");
			Assert.notNull(store, "store must not be null");
			Assert.notNull(mapper, "mapper must not be null");
			this.dataSource = dataSource;
			this.store = store;
			this.mapper = mapper;
		}

		/**
		 * Store and claim the rows of this queue: its bean name. Each queue claims only
		 * the rows enqueued on a queue of the same name, on any instance.
		 * @param queue the queue's name, at most 200 characters
		 * @return this builder
		 */
		public Builder queue(String queue) {
			Assert.isTrue(queue != null && !queue.isBlank() && queue.length() <= 200,
					() -> "queue must be a name of 1 to 200 characters, was '" + queue + "'");
			this.queue = queue;
			return this;
		}

		/**
		 * Set the longest time before work nobody announced is noticed.
		 * @param pollInterval the poll interval, positive
		 * @return this builder
		 */
		public Builder pollInterval(Duration pollInterval) {
			Assert.isTrue(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
					"pollInterval must be positive");
			this.pollInterval = pollInterval;
			return this;
		}

		/**
		 * Set how long finished rows are kept.
		 * @param retention the retention, not negative
		 * @return this builder
		 */
		public Builder retention(Duration retention) {
			Assert.isTrue(retention != null && !retention.isNegative(), "retention must not be negative");
			this.retention = retention;
			return this;
		}

		/**
		 * Store the enqueuing trace context with each row and continue it where the row
		 * runs.
		 * @param tracing what stores and continues trace contexts, or {@code null} for
		 * none
		 * @return this builder
		 */
		public Builder tracing(@Nullable DurableWorkTracing tracing) {
			this.tracing = tracing;
			return this;
		}

		/**
		 * Store the MDC entries {@code mdc} names with each row, and restore them where
		 * it runs.
		 * @param mdc the MDC entries to carry; add it to the queue as a decorator too
		 * @return this builder
		 */
		public Builder mdc(StoredMdc mdc) {
			Assert.notNull(mdc, "mdc must not be null");
			this.mdc = mdc;
			return this;
		}

		/**
		 * Set the largest payload enqueue stores, as JSON in UTF-8.
		 * @param maxPayloadSize the limit, positive
		 * @return this builder
		 */
		public Builder maxPayloadSize(DataSize maxPayloadSize) {
			Assert.isTrue(maxPayloadSize != null && maxPayloadSize.toBytes() > 0, "maxPayloadSize must be positive");
			this.maxPayloadSize = maxPayloadSize;
			return this;
		}

		/**
		 * Return what makes the durable side of a queue with these settings.
		 * @return the factory, for {@code DefaultBackgroundWorkQueue.Builder.durableWork}
		 */
		public Function<WorkEngine, DurableWork> factory() {
			// Settings as they are now: later calls on this builder change no factory
			// made
			Builder settings = copy();
			return (engine) -> new JdbcDurableWork(engine, settings);
		}

		private Builder copy() {
			Builder copy = new Builder(this.dataSource, this.store, this.mapper);
			copy.queue = this.queue;
			copy.pollInterval = this.pollInterval;
			copy.retention = this.retention;
			copy.tracing = this.tracing;
			copy.mdc = this.mdc;
			copy.maxPayloadSize = this.maxPayloadSize;
			return copy;
		}

	}

}
