package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.backgroundwork.WorkAttempt;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Records how items ended, or when they run again. Each statement touches only rows still
 * running under the given owner, so an instance that lost its claim (its lease expired
 * and another instance took the item) changes nothing. Ending an item frees its key. An
 * owner's writes run in transactions of their own; cancellations join the caller's
 * transaction when one is active (see {@link StoreTransactions}).
 */
final class WorkCompleter {

	static final String COMPLETE = """
			UPDATE {table} SET state = 'SUCCEEDED', finished_at = {now}, lease_until = NULL, live_key = NULL,
			    error = NULL, stack_trace = NULL
			WHERE state = 'RUNNING' AND owner = :owner AND id IN (:ids)""";

	private static final String FAIL = """
			UPDATE {table} SET state = 'FAILED', finished_at = {now}, lease_until = NULL, live_key = NULL,
			    error = :error, stack_trace = :stackTrace
			WHERE state = 'RUNNING' AND owner = :owner AND id = :id""";

	private static final String CANCEL_RUNNING = """
			UPDATE {table} SET state = 'CANCELLED', finished_at = {now}, lease_until = NULL, live_key = NULL
			WHERE state = 'RUNNING' AND owner = :owner AND id = :id""";

	/**
	 * Scheduled again; or, when its cancellation was requested meanwhile, ended
	 * cancelled: a cancellation sticks. Either way the attempt that failed joins the
	 * earlier ones, of which the last {@link AttemptLines#MAX_CHARS} characters are kept.
	 */
	private static final String RETRY_LATER = """
			UPDATE {table} SET state = CASE WHEN cancel_requested THEN 'CANCELLED' ELSE 'SCHEDULED' END,
			    not_before = CASE WHEN cancel_requested THEN not_before ELSE {now+:delay} END,
			    finished_at = CASE WHEN cancel_requested THEN {now} ELSE NULL END,
			    live_key = CASE WHEN cancel_requested THEN NULL ELSE live_key END,
			    owner = NULL, lease_until = NULL, error = :error, stack_trace = :stackTrace,
			    attempt_history = RIGHT(COALESCE(attempt_history, '') || :attempt, {maxHistory})
			WHERE state = 'RUNNING' AND owner = :owner AND id = :id""".replace("{maxHistory}",
			Integer.toString(AttemptLines.MAX_CHARS));

	private static final String CANCEL_WAITING = """
			UPDATE {table} SET state = 'CANCELLED', finished_at = {now}, live_key = NULL
			WHERE state IN ('QUEUED', 'SCHEDULED') AND id = :id""";

	private static final String REQUEST_CANCELLATION = """
			UPDATE {table} SET cancel_requested = TRUE
			WHERE state = 'RUNNING' AND id = :id""";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final StoreTransactions transactions;

	WorkCompleter(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, StoreTransactions transactions) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.transactions = transactions;
	}

	Set<String> complete(String owner, Collection<String> ids) {
		Assert.hasText(owner, "owner must not be empty");
		String sql = this.dialect.sql(this.table, this.dialect.returning(COMPLETE, "id"));
		return this.transactions.own(() -> {
			Set<String> completed = new HashSet<>();
			for (List<String> chunk : WorkTable.chunks(ids)) {
				completed.addAll(this.client.sql(sql)
					.param("owner", owner)
					.param("ids", this.dialect.ids(chunk))
					.query(String.class)
					.list());
			}
			return completed;
		});
	}

	boolean fail(String owner, String id, String error, @Nullable String stackTrace) {
		Assert.notNull(error, "error must not be null");
		return updateOwned(FAIL, owner, id, error, stackTrace, Duration.ZERO);
	}

	boolean cancelRunning(String owner, String id) {
		return updateOwned(CANCEL_RUNNING, owner, id, null, null, Duration.ZERO);
	}

	boolean retryLater(String owner, String id, Duration delay, @Nullable String error, @Nullable String stackTrace,
			@Nullable WorkAttempt attempt) {
		Assert.isTrue(delay != null && !delay.isNegative(), () -> "delay must not be negative, was " + delay);
		Assert.hasText(owner, "owner must not be empty");
		Assert.hasText(id, "id must not be empty");
		String sql = this.dialect.sql(this.table, this.dialect.returning(RETRY_LATER, "state"));
		return this.transactions.own(() -> this.client.sql(sql)
			.param("owner", owner)
			.param("id", id)
			.param("error", error)
			.param("stackTrace", stackTrace)
			.param("attempt", (attempt != null) ? AttemptLines.line(attempt) : "")
			.param("delay", delay.toMillis())
			.query(String.class)
			.list()
			.contains("SCHEDULED"));
	}

	boolean cancelWaiting(String id) {
		Assert.hasText(id, "id must not be empty");
		return this.transactions.joinOrBegin(
				() -> this.client.sql(this.dialect.sql(this.table, CANCEL_WAITING)).param("id", id).update() > 0);
	}

	boolean requestCancellation(String id) {
		Assert.hasText(id, "id must not be empty");
		return this.transactions.joinOrBegin(
				() -> this.client.sql(this.dialect.sql(this.table, REQUEST_CANCELLATION)).param("id", id).update() > 0);
	}

	private boolean updateOwned(String update, String owner, String id, @Nullable String error,
			@Nullable String stackTrace, Duration delay) {
		Assert.hasText(owner, "owner must not be empty");
		Assert.hasText(id, "id must not be empty");
		return this.transactions.own(() -> this.client.sql(this.dialect.sql(this.table, update))
			.param("owner", owner)
			.param("id", id)
			.param("error", error)
			.param("stackTrace", stackTrace)
			.param("delay", delay.toMillis())
			.update() > 0);
	}

}
