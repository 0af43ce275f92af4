package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.WorkAttempt;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Durable store of typed work in one table of the application's database, shared by every
 * instance. Every write is committed whatever the pool's auto-commit: inserts and
 * cancellations join the caller's Spring-managed transaction when one is active (so a
 * rolled back enqueue leaves nothing, a rolled back cancellation never happened) and
 * otherwise run in a transaction of their own; every other write (what an instance writes
 * about the items it claimed, rescues, cleanup) runs in a short transaction of the
 * store's own, never in the caller's. Due times and leases are decided by the database's
 * clock. Safe to use from many threads.
 *
 * @since 0.1.0
 */
public final class JdbcWorkStore {

	/**
	 * The notification channel used by default on PostgreSQL.
	 */
	public static final String DEFAULT_CHANNEL = "background_work";

	/**
	 * The queue of items stored before queues had their own, and of the auto-configured
	 * queue: its bean name.
	 */
	public static final String DEFAULT_QUEUE = "backgroundWorkQueue";

	/**
	 * The payload of the notification a pause or a resume sends on PostgreSQL, on the
	 * channel inserts notify on: listeners read the pauses again.
	 * @since 0.1.0
	 */
	public static final String PAUSES_CHANGED = "background-work:pauses";

	private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final String channel;

	private final Duration lease;

	private final WorkInserter inserter;

	private final WorkClaimer claimer;

	private final WorkCompleter completer;

	private final WorkRescuer rescuer;

	private final WorkCleaner cleaner;

	private final StoredWorkReader reader;

	private final WorkOrphans orphans;

	private final OperatorWrites operatorWrites;

	private final WorkPauses pauses;

	private final WorkInstances instances;

	private JdbcWorkStore(Builder builder) {
		JdbcTemplate jdbc = new JdbcTemplate(builder.dataSource);
		JdbcClient client = JdbcClient.create(jdbc);
		this.dialect = JdbcWorkDialect.of(builder.dataSource);
		this.table = new WorkTable(builder.tableName);
		this.channel = builder.channel;
		this.lease = builder.lease;
		StoreTransactions transactions = new StoreTransactions(builder.dataSource);
		this.inserter = new WorkInserter(jdbc, this.dialect, this.table, this.channel, transactions);
		this.claimer = new WorkClaimer(client, jdbc, transactions, this.dialect, this.table, this.lease);
		this.completer = new WorkCompleter(client, this.dialect, this.table, transactions);
		this.rescuer = new WorkRescuer(client, this.dialect, this.table, transactions);
		JdbcTemplate cleanup = new JdbcTemplate(builder.dataSource);
		cleanup.setQueryTimeout(WorkCleaner.QUERY_TIMEOUT_SECONDS);
		this.cleaner = new WorkCleaner(JdbcClient.create(cleanup), this.dialect, this.table, transactions);
		JdbcTemplate reads = new JdbcTemplate(builder.dataSource);
		reads.setQueryTimeout(StoredWorkReader.QUERY_TIMEOUT_SECONDS);
		this.instances = new WorkInstances(JdbcClient.create(reads), this.dialect, this.table, transactions,
				this.lease);
		this.reader = new StoredWorkReader(JdbcClient.create(reads), this.dialect, this.table, this.instances);
		this.orphans = new WorkOrphans(client, this.dialect, this.table, this.claimer);
		this.operatorWrites = new OperatorWrites(client, this.dialect, this.table, this.channel, transactions);
		this.pauses = new WorkPauses(client, this.dialect, this.table, transactions, this.channel);
	}

	/**
	 * Start building a store on a data source. The database must be PostgreSQL or H2 2.x.
	 * @param dataSource the application's data source
	 * @return the builder
	 */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * Insert one item, unless an item of the same name and key is live. Joins the
	 * caller's transaction; on PostgreSQL it also notifies listeners, which hear it when
	 * that transaction commits. Blocks for one round trip or two.
	 * @param item the item
	 * @return the outcome: the item's id, or the live item's id when it was a duplicate
	 */
	public InsertedWork insert(NewWork item) {
		return insertAll(List.of(item)).get(0);
	}

	/**
	 * Insert items, skipping every one whose name and key is held by a live item (or by
	 * an earlier item of the same list). Safe under concurrent inserts from any number of
	 * threads and instances: the database's unique index decides. Joins the caller's
	 * transaction; on PostgreSQL the whole list is one statement, and listeners are
	 * notified when the transaction commits.
	 * @param items the items
	 * @return one outcome per item, in the same order
	 */
	public List<InsertedWork> insertAll(List<NewWork> items) {
		return this.inserter.insert(items);
	}

	/**
	 * Claim due items of the {@value #DEFAULT_QUEUE} queue, as
	 * {@link #claim(String, ClaimRequest)} does, of every name.
	 * @param owner the claiming instance's id
	 * @param limit the most items to claim: the instance's free workers
	 * @return the claimed items of every name, oldest due first
	 */
	public List<ClaimedWork> claim(String owner, int limit) {
		return claim(owner, ClaimRequest.ofEveryName(DEFAULT_QUEUE, limit));
	}

	/**
	 * Claim due items of the {@value #DEFAULT_QUEUE} queue, as
	 * {@link #claim(String, ClaimRequest)} does, only of the given names: those an
	 * instance has handlers for. Items of other names stay queued for the instances that
	 * have their handlers.
	 * @param owner the claiming instance's id
	 * @param limit the most items to claim: the instance's free workers
	 * @param names the names to claim; none claims nothing
	 * @return the claimed items, oldest due first
	 */
	public List<ClaimedWork> claim(String owner, int limit, Collection<String> names) {
		return claim(owner, ClaimRequest.of(DEFAULT_QUEUE, limit, names));
	}

	/**
	 * Claim due items for an instance within a request's limits (see
	 * {@link ClaimRequest}), oldest due first: they become {@link StoredState#RUNNING},
	 * owned by {@code owner} until the database's time plus the lease, with one more
	 * attempt counted. Only items of the request's queue and names are taken, never one
	 * whose cancellation was requested nor one of the excluded ids. Rows another claimer
	 * holds are skipped, so two claimers never get the same row. Runs in a transaction of
	 * its own; on PostgreSQL it is one statement.
	 * @param owner the claiming instance's id
	 * @param request what to claim
	 * @return the claimed items, oldest due first
	 */
	public List<ClaimedWork> claim(String owner, ClaimRequest request) {
		return this.claimer.claim(owner, request);
	}

	/**
	 * Extend the leases of items an instance runs to the database's time plus the lease,
	 * and say which of them another instance asked to cancel.
	 * @param owner the instance's id
	 * @param ids the items it runs
	 * @return the ids still held by {@code owner} (any other was taken back after its
	 * lease expired), and those of them whose cancellation was requested
	 */
	public RenewedLeases renew(String owner, Collection<String> ids) {
		return this.claimer.renew(owner, ids);
	}

	/**
	 * Give back claimed items an instance will not run (it is stopping): they are
	 * {@link StoredState#QUEUED} again, owned by nobody, and their attempt is not
	 * consumed; but an item whose cancellation was requested meanwhile
	 * ({@link #requestCancellation}) ends {@link StoredState#CANCELLED} instead, and is
	 * not in the returned set. Runs in a transaction of its own.
	 * @param owner the instance's id
	 * @param ids the items
	 * @return the ids queued again; any other was no longer held by {@code owner}, or was
	 * cancelled
	 */
	public Set<String> release(String owner, Collection<String> ids) {
		return this.claimer.release(owner, ids);
	}

	/**
	 * Give back a claimed item this instance cannot read (its payload's class, or its
	 * handler, is missing here), for another instance: it is {@link StoredState#QUEUED}
	 * again, owned by nobody, its attempt not consumed, and the row records the instance
	 * and the reason ({@link StoredWork#unreadableBy()},
	 * {@link StoredWork#unreadableReason()}) until it is next claimed. An item whose
	 * cancellation was requested ends {@link StoredState#CANCELLED} instead. The instance
	 * should leave the id out of its claims for a while
	 * ({@link ClaimRequest#excludedIds()}). Runs in a transaction of its own.
	 * @param owner the instance that claimed it
	 * @param id the item
	 * @param reason why it cannot be read here
	 * @return whether it was still held by {@code owner} and is queued again;
	 * {@code false} too when it was cancelled instead
	 * @since 0.1.0
	 */
	public boolean releaseUnreadable(String owner, String id, String reason) {
		return this.claimer.releaseUnreadable(owner, id, reason);
	}

	/**
	 * Mark items {@link StoredState#SUCCEEDED}, then claim as
	 * {@link #claim(String, int, Collection)} does.
	 * @param owner the instance that ran them and claims
	 * @param succeeded the items that succeeded; written even if nothing is claimed
	 * @param limit the most items to claim; 0 claims nothing
	 * @param names the names to claim
	 * @return the claimed items, oldest due first
	 */
	public List<ClaimedWork> completeAndClaim(String owner, Collection<String> succeeded, int limit,
			Collection<String> names) {
		return completeAndClaim(owner, succeeded, ClaimRequest.of(DEFAULT_QUEUE, limit, names));
	}

	/**
	 * Mark items {@link StoredState#SUCCEEDED}, then claim as
	 * {@link #claim(String, ClaimRequest)} does: on PostgreSQL in one round trip and one
	 * transaction, so that a claimer whose items end quickly spends one round trip per
	 * batch, not two.
	 * @param owner the instance that ran them and claims
	 * @param succeeded the items that succeeded; written even if nothing is claimed
	 * @param request what to claim
	 * @return the claimed items, oldest due first
	 * @since 0.1.0
	 */
	public List<ClaimedWork> completeAndClaim(String owner, Collection<String> succeeded, ClaimRequest request) {
		Assert.notNull(succeeded, "succeeded must not be null");
		return this.claimer.completeAndClaim(owner, succeeded, request, this.completer);
	}

	/**
	 * Mark items {@link StoredState#SUCCEEDED}, in as few statements as possible.
	 * @param owner the instance that ran them
	 * @param ids the items
	 * @return the ids completed; any other was no longer held by {@code owner}
	 */
	public Set<String> complete(String owner, Collection<String> ids) {
		return this.completer.complete(owner, ids);
	}

	/**
	 * Mark an item {@link StoredState#FAILED} with its error.
	 * @param owner the instance that ran it
	 * @param id the item
	 * @param error the error text
	 * @return whether the item was still held by {@code owner} and now failed
	 */
	public boolean fail(String owner, String id, String error) {
		return this.completer.fail(owner, id, error, null);
	}

	/**
	 * Mark an item {@link StoredState#FAILED} with its error and stack trace.
	 * @param owner the instance that ran it
	 * @param id the item
	 * @param error the error text
	 * @param stackTrace the error's stack trace, already cut to its bound, or
	 * {@code null}
	 * @return whether the item was still held by {@code owner} and now failed
	 * @since 0.1.0
	 */
	public boolean fail(String owner, String id, String error, @Nullable String stackTrace) {
		return this.completer.fail(owner, id, error, stackTrace);
	}

	/**
	 * Put an item back as {@link StoredState#SCHEDULED}, due after a delay by the
	 * database's clock, owned by nobody; the attempt it used counts. An item whose
	 * cancellation was requested meanwhile ({@link #requestCancellation}) ends
	 * {@link StoredState#CANCELLED} instead.
	 * @param owner the instance that ran it
	 * @param id the item
	 * @param delay the backoff before the next attempt
	 * @param error the error of the attempt that failed, or {@code null}
	 * @return whether the item was still held by {@code owner} and is now scheduled;
	 * {@code false} too when it was cancelled instead
	 */
	public boolean retryLater(String owner, String id, Duration delay, @Nullable String error) {
		return this.completer.retryLater(owner, id, delay, error, null, null);
	}

	/**
	 * Put an item back as {@link StoredState#SCHEDULED}, as
	 * {@link #retryLater(String, String, Duration, String)} does, keeping the attempt
	 * that failed among the row's earlier attempts ({@link StoredWork#history()}).
	 * @param owner the instance that ran it
	 * @param id the item
	 * @param delay the backoff before the next attempt
	 * @param error the error of the attempt that failed, or {@code null}
	 * @param stackTrace the error's stack trace, already cut to its bound, or
	 * {@code null}
	 * @param attempt the attempt that failed, or {@code null} to keep none
	 * @return whether the item was still held by {@code owner} and is now scheduled;
	 * {@code false} too when it was cancelled instead
	 * @since 0.1.0
	 */
	public boolean retryLater(String owner, String id, Duration delay, @Nullable String error,
			@Nullable String stackTrace, @Nullable WorkAttempt attempt) {
		return this.completer.retryLater(owner, id, delay, error, stackTrace, attempt);
	}

	/**
	 * Mark a running item {@link StoredState#CANCELLED}.
	 * @param owner the instance that ran it
	 * @param id the item
	 * @return whether the item was still held by {@code owner} and is now cancelled
	 */
	public boolean cancelRunning(String owner, String id) {
		return this.completer.cancelRunning(owner, id);
	}

	/**
	 * Cancel an item that has not been claimed yet, from any instance. Joins the caller's
	 * transaction when one is active, as an insert does: a cancellation rolled back with
	 * it never happened, and an item enqueued earlier in the same transaction can be
	 * cancelled; the row stays locked until that transaction ends, so keep it short.
	 * Otherwise runs in a transaction of its own.
	 * @param id the item
	 * @return whether it was {@link StoredState#QUEUED} or {@link StoredState#SCHEDULED}
	 * and is now cancelled
	 */
	public boolean cancelWaiting(String id) {
		return this.completer.cancelWaiting(id);
	}

	/**
	 * Ask the instance that runs an item to cancel it: it notices when it next renews its
	 * leases ({@link #renew}); if it stopped without finishing the item, the rescuer ends
	 * the item {@link StoredState#CANCELLED} instead of queueing it again, and so do
	 * {@link #retryLater} and {@link #release}. Joins the caller's transaction when one
	 * is active, as {@link #cancelWaiting} does: the owner's renewals of this row wait
	 * until that transaction ends, so keep it short.
	 * @param id the item
	 * @return whether it was {@link StoredState#RUNNING} and is now marked
	 */
	public boolean requestCancellation(String id) {
		return this.completer.requestCancellation(id);
	}

	/**
	 * Take back running items whose lease expired by the database's clock: each goes back
	 * to {@link StoredState#QUEUED} (its attempt counts), or ends
	 * {@link StoredState#FAILED} when that was its last attempt, or
	 * {@link StoredState#CANCELLED} when its cancellation was requested. Safe to run on
	 * every instance at once.
	 * @return what was done
	 */
	public RescueResult rescueExpired() {
		return this.rescuer.rescue(Duration.ofNanos(Long.MAX_VALUE));
	}

	/**
	 * Take back running items whose lease expired, as {@link #rescueExpired()} does, but
	 * only while the store answers promptly: each statement runs only if its connection
	 * came within {@code patience} of this call. A connection that came later means the
	 * store was away or stalled meanwhile, for the owners of those rows too, whose leases
	 * may then have expired only because they could not renew them: the pass stops there,
	 * {@link RescueResult#heldUp() held up}, and the caller should leave the rescue for a
	 * lease, time for them to renew.
	 * @param patience how long the pass may wait for its connections
	 * @return what was done
	 * @since 0.1.0
	 */
	public RescueResult rescueExpired(Duration patience) {
		Assert.notNull(patience, "patience must not be null");
		Assert.isTrue(!patience.isNegative(), "patience must not be negative");
		return this.rescuer.rescue(patience);
	}

	/**
	 * Return the instances table, where each queue that claims from the store says it is
	 * alive.
	 * @return the instances
	 * @since 0.1.0
	 */
	public WorkInstances instances() {
		return this.instances;
	}

	/**
	 * Delete at most {@code batchSize} items that ended in one state longer ago than its
	 * retention, oldest first, in a transaction of its own. The batch is read from the
	 * index on state and end time, so that rows of other states, kept longer, are never
	 * read; it is cancelled after 30 seconds.
	 * @param state {@link StoredState#SUCCEEDED}, {@link StoredState#CANCELLED} or
	 * {@link StoredState#FAILED}
	 * @param retention how long items that ended in that state are kept
	 * @param batchSize the most rows to delete
	 * @return how many rows were deleted: fewer than {@code batchSize} when no more are
	 * due
	 * @since 0.1.0
	 */
	public int deleteFinishedBatch(StoredState state, Duration retention, int batchSize) {
		return this.cleaner.deleteBatch(state, retention, batchSize);
	}

	/**
	 * Delete at most {@code batchSize} ended items that finished longer ago than the
	 * retention, oldest first, in a transaction of its own. The batch is read from the
	 * finished index, never by scanning the table, and is cancelled after 30 seconds.
	 * @param retention how long ended items are kept
	 * @param batchSize the most rows to delete
	 * @return how many rows were deleted: fewer than {@code batchSize} when none is left
	 */
	public int deleteFinishedBatch(Duration retention, int batchSize) {
		return this.cleaner.deleteBatch(retention, batchSize);
	}

	/**
	 * Delete every ended item that finished longer ago than the retention, one bounded
	 * batch per statement. Blocks until none is left.
	 * @param retention how long ended items are kept
	 * @param batchSize the most rows one statement deletes
	 * @return how many rows were deleted in all
	 */
	public int deleteFinished(Duration retention, int batchSize) {
		return this.cleaner.deleteAll(retention, batchSize);
	}

	/**
	 * Delete ended items that finished longer ago than the retention, one bounded batch
	 * per statement and transaction, while full batches are found and the time budget
	 * lasts: called every minute or so, it keeps up with thousands of items a second
	 * without ever running long.
	 * @param retention how long ended items are kept
	 * @param batchSize the most rows one statement deletes
	 * @param timeBudget how long to go on starting batches; one batch runs at least
	 * @return how many rows were deleted in all
	 * @since 0.1.0
	 */
	public int deleteFinished(Duration retention, int batchSize, Duration timeBudget) {
		Assert.notNull(timeBudget, "timeBudget must not be null");
		return this.cleaner.deleteAll(retention, batchSize, timeBudget);
	}

	/**
	 * Return at most {@code limit} rows that match an operator's filter, whichever
	 * instance runs or ran them, in id order after {@code afterId}: call again with the
	 * last id returned to read the next batch, each row once.
	 * @param filter which rows
	 * @param afterId the last id of the previous batch, or {@code null} for the first
	 * @param limit the most rows to return, at most
	 * {@link StoredWorkReader#MAX_PAGE_SIZE}
	 * @return the rows, in id order
	 * @since 0.1.0
	 */
	public List<StoredWork> findMatching(StoredWorkFilter filter, @Nullable String afterId, int limit) {
		Assert.notNull(filter, "filter must not be null");
		Assert.isTrue(limit > 0 && limit <= StoredWorkReader.MAX_PAGE_SIZE,
				() -> "limit must be between 1 and " + StoredWorkReader.MAX_PAGE_SIZE + ", was " + limit);
		return this.operatorWrites.match(filter, afterId, limit);
	}

	/**
	 * Run ended items again, as an operator asks, wherever they ran: each that
	 * {@link StoredState#FAILED failed} or was {@link StoredState#CANCELLED cancelled} is
	 * {@link StoredState#QUEUED} again, due now, with no attempt used (a fresh retry
	 * budget), its key live again and {@link StoredWork#retriedAt()} set; listeners are
	 * notified (on PostgreSQL). An item whose key a live item holds stays as it ended.
	 * Runs in a transaction of its own.
	 * @param ids the items
	 * @return how many were queued again
	 * @since 0.1.0
	 */
	public int retryEnded(Collection<String> ids) {
		Assert.notNull(ids, "ids must not be null");
		return this.operatorWrites.retry(ids);
	}

	/**
	 * Delete ended items at once, as an operator asks; live ones are left. Runs in a
	 * transaction of its own.
	 * @param ids the items
	 * @return how many were deleted
	 * @since 0.1.0
	 */
	public int deleteEnded(Collection<String> ids) {
		Assert.notNull(ids, "ids must not be null");
		return this.operatorWrites.delete(ids);
	}

	/**
	 * Cancel the items that wait ({@link StoredState#QUEUED} or
	 * {@link StoredState#SCHEDULED}) among the given ones, in a transaction of its own.
	 * @param ids the items
	 * @return the ids cancelled
	 * @since 0.1.0
	 */
	public Set<String> cancelAllWaiting(Collection<String> ids) {
		Assert.notNull(ids, "ids must not be null");
		return this.operatorWrites.cancelWaiting(ids);
	}

	/**
	 * Return the read side, for the endpoint.
	 * @return the reader
	 */
	public StoredWorkReader reader() {
		return this.reader;
	}

	/**
	 * Pause a name of work of a queue, or the whole queue, for every instance: store it
	 * in the pause table (the work table's name followed by {@code _pause}) with the
	 * database's time and the instance that paused it, unless it is stored already. On
	 * PostgreSQL, listeners are notified ({@link #PAUSES_CHANGED}). Runs in a transaction
	 * of its own; blocks for one round trip or two.
	 * @param queue the queue
	 * @param name the name of work, or {@code null} for the whole queue
	 * @param owner the pausing instance's id
	 * @return whether this call paused it
	 * @since 0.1.0
	 */
	public boolean pause(String queue, @Nullable String name, String owner) {
		Assert.hasText(queue, "queue must not be empty");
		Assert.isTrue(name == null || (!name.isBlank() && name.length() <= 200),
				() -> "name must be a name of work of 1 to 200 characters, was '" + name + "'");
		Assert.hasText(owner, "owner must not be empty");
		return this.pauses.pause(queue, name, owner);
	}

	/**
	 * Resume a name of work of a queue, or the whole queue, for every instance: delete
	 * its pause. On PostgreSQL, listeners are notified ({@link #PAUSES_CHANGED}), so that
	 * the waiting items start at once everywhere. Runs in a transaction of its own;
	 * blocks for one round trip or two.
	 * @param queue the queue
	 * @param name the name of work, or {@code null} for the whole queue
	 * @return whether it was paused
	 * @since 0.1.0
	 */
	public boolean resume(String queue, @Nullable String name) {
		Assert.hasText(queue, "queue must not be empty");
		Assert.isTrue(name == null || !name.isBlank(), "name must not be blank");
		return this.pauses.resume(queue, name);
	}

	/**
	 * Read what is paused in a queue. Blocks for one small query.
	 * @param queue the queue
	 * @return the stored pauses
	 * @since 0.1.0
	 */
	public PausedWork paused(String queue) {
		Assert.hasText(queue, "queue must not be empty");
		return this.pauses.read(queue);
	}

	/**
	 * Whether inserts notify listeners through the database (PostgreSQL), so that a
	 * {@link PostgresWorkNotifier} is worth starting.
	 * @return whether inserts send notifications
	 */
	public boolean supportsNotifications() {
		return this.dialect.supportsNotify();
	}

	/**
	 * Return the channel inserts notify on PostgreSQL.
	 * @return the channel
	 */
	public String notificationChannel() {
		return this.channel;
	}

	/**
	 * Return how long a claim lasts unless renewed.
	 * @return the lease
	 */
	public Duration lease() {
		return this.lease;
	}

	/**
	 * Return the work table's name.
	 * @return the table name
	 */
	public String tableName() {
		return this.table.name();
	}

	/**
	 * Builder of a {@link JdbcWorkStore}.
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private String tableName = WorkTable.DEFAULT_NAME;

		private String channel = DEFAULT_CHANNEL;

		private Duration lease = Duration.ofSeconds(30);

		private Builder(DataSource dataSource) {
			Assert.notNull(dataSource, "dataSource must not be null");
			this.dataSource = dataSource;
		}

		/**
		 * Use another table than {@code background_work}, optionally qualified by a
		 * schema. The bundled schema scripts create {@code background_work} only: another
		 * table needs a script of its own.
		 * @param tableName the table's name
		 * @return this builder
		 */
		public Builder tableName(String tableName) {
			this.tableName = tableName;
			return this;
		}

		/**
		 * Notify on another PostgreSQL channel than {@code background_work}.
		 * @param channel the channel: lowercase letters, digits and '_'
		 * @return this builder
		 */
		public Builder notificationChannel(String channel) {
			Assert.isTrue(channel != null && CHANNEL.matcher(channel).matches(),
					() -> "Notification channel '" + channel + "' must be lowercase letters, digits and '_'");
			this.channel = channel;
			return this;
		}

		/**
		 * Set how long a claim lasts unless renewed (30 seconds by default).
		 * @param lease the lease, at least one second
		 * @return this builder
		 */
		public Builder lease(Duration lease) {
			Assert.isTrue(lease != null && lease.compareTo(Duration.ofSeconds(1)) >= 0,
					() -> "lease must be at least 1s, was " + lease);
			this.lease = lease;
			return this;
		}

		/**
		 * Build the store. Connects once to tell which database it is.
		 * @return the store
		 * @throws IllegalStateException if the database is neither PostgreSQL nor H2
		 */
		public JdbcWorkStore build() {
			return new JdbcWorkStore(this);
		}

	}

	/**
	 * Give back the items running under {@code owner} but for those it tracks: rows a
	 * claim took whose answer never reached it. They are {@link StoredState#QUEUED} again
	 * and their attempt is not consumed. The owner must not claim meanwhile.
	 * @param owner the instance's id
	 * @param tracked the ids it holds and renews
	 * @return the ids released
	 */
	public Set<String> releaseUntracked(String owner, Collection<String> tracked) {
		return this.orphans.releaseUntracked(owner, tracked);
	}

}
