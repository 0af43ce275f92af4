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
 * @since 0.2.0
 */
public final class JdbcDurableWork implements DurableWork {

	private final DurableEnqueuer enqueuer;

	private final DurableWorkSource source;

	private final @Nullable PostgresWorkNotifier notifier;

	private final JdbcWorkStore store;

	private final StoredWorkCanceller canceller;

	private JdbcDurableWork(WorkEngine engine, DataSource dataSource, JdbcWorkStore store, JsonMapper mapper,
			Duration pollInterval, Duration retention, @Nullable DurableWorkTracing tracing, StoredMdc mdc,
			DataSize maxPayloadSize) {
		this.store = store;
		PayloadCodec codec = new PayloadCodec(mapper, JdbcDurableWork.class.getClassLoader(),
				engine.settings().handlers(), maxPayloadSize);
		String owner = "bgwork-" + UUID.randomUUID().toString().substring(0, 13);
		this.source = new DurableWorkSource(engine, store, codec, owner, pollInterval, retention, tracing);
		this.canceller = new StoredWorkCanceller(store, this.source::claimedHandle);
		this.enqueuer = new DurableEnqueuer(engine, store, codec, this.source::wake, tracing, this.canceller,
				this.source.completions(), mdc);
		this.notifier = store.supportsNotifications()
				? new PostgresWorkNotifier(dataSource, store.notificationChannel(), (name) -> this.source.wake())
				: null;
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
		return factory(dataSource, store, mapper, pollInterval, retention, tracing, StoredMdc.none(),
				PayloadCodec.DEFAULT_MAX_SIZE);
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
	 * @since 0.3.0
	 */
	public static Function<WorkEngine, DurableWork> factory(DataSource dataSource, JdbcWorkStore store,
			JsonMapper mapper, Duration pollInterval, Duration retention, @Nullable DurableWorkTracing tracing,
			StoredMdc mdc, DataSize maxPayloadSize) {
		Assert.notNull(dataSource, "dataSource must not be null");
		Assert.notNull(store, "store must not be null");
		Assert.notNull(mapper, "mapper must not be null");
		Assert.isTrue(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
				"pollInterval must be positive");
		Assert.isTrue(retention != null && !retention.isNegative(), "retention must not be negative");
		Assert.notNull(mdc, "mdc must not be null");
		Assert.isTrue(maxPayloadSize != null && maxPayloadSize.toBytes() > 0, "maxPayloadSize must be positive");
		return (engine) -> new JdbcDurableWork(engine, dataSource, store, mapper, pollInterval, retention, tracing, mdc,
				maxPayloadSize);
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
	 * Return the id this queue claims rows under.
	 * @return the owner id
	 */
	public String owner() {
		return this.source.owner();
	}

}
