package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Takes back items whose claim expired because the instance running them stopped without
 * saying so (a crash, {@code kill -9}, a lost node). The attempt it had started counts:
 * an item with attempts left is queued again; one without ends failed, with a reason that
 * says its instance stopped. An item whose cancellation was requested while it ran ends
 * cancelled instead.
 * <p>
 * A rescuer can be told how long its statements may wait for their connections: one that
 * came late means the store was away or stalled meanwhile, for every instance, and the
 * leases that expired meanwhile did so because their owners could not renew them, not
 * because they died. The rescue then stops before that statement.
 */
final class WorkRescuer {

	private static final String CANCEL_REQUESTED = """
			UPDATE {table} SET state = 'CANCELLED', finished_at = {now}, lease_until = NULL, live_key = NULL
			WHERE state = 'RUNNING' AND lease_until < {now} AND cancel_requested""";

	private static final String FAIL_EXHAUSTED = """
			UPDATE {table} SET state = 'FAILED', finished_at = {now}, lease_until = NULL, live_key = NULL,
			    error = 'The instance ' || owner || ' running attempt ' || CAST(attempts AS VARCHAR(11)) || ' of '
			        || CAST(max_retries + 1 AS VARCHAR(11))
			        || ' stopped without finishing it (its lease expired), and no attempt is left'
			WHERE state = 'RUNNING' AND lease_until < {now} AND attempts > max_retries AND NOT cancel_requested""";

	private static final String REQUEUE = """
			UPDATE {table} SET state = 'QUEUED', owner = NULL, lease_until = NULL
			WHERE state = 'RUNNING' AND lease_until < {now} AND attempts <= max_retries AND NOT cancel_requested""";

	private final JdbcClient client;

	private final JdbcWorkDialect dialect;

	private final WorkTable table;

	private final StoreTransactions transactions;

	WorkRescuer(JdbcClient client, JdbcWorkDialect dialect, WorkTable table, StoreTransactions transactions) {
		this.client = client;
		this.dialect = dialect;
		this.table = table;
		this.transactions = transactions;
	}

	RescueResult rescue(Duration patience) {
		long asked = System.nanoTime();
		long limit = patience.toNanos();
		// Its cancellation was requested while it ran: it ends, rather than run again.
		// The other statements leave such rows alone, should their lease expire in
		// between. Each statement is a transaction of its own: none waits on the others
		Optional<Integer> cancelled = ifPrompt(asked, limit,
				() -> this.client.sql(this.dialect.sql(this.table, CANCEL_REQUESTED)).update());
		if (cancelled.isEmpty()) {
			return new RescueResult(0, List.of(), true);
		}
		Optional<List<String>> failed = ifPrompt(asked, limit,
				() -> this.client.sql(this.dialect.sql(this.table, this.dialect.returning(FAIL_EXHAUSTED, "id")))
					.query(String.class)
					.list());
		if (failed.isEmpty()) {
			return new RescueResult(0, List.of(), true);
		}
		Optional<Integer> requeued = ifPrompt(asked, limit,
				() -> this.client.sql(this.dialect.sql(this.table, REQUEUE)).update());
		return requeued.map((count) -> new RescueResult(count, failed.get()))
			.orElseGet(() -> new RescueResult(0, failed.get(), true));
	}

	/**
	 * Run a statement in a transaction of its own unless its connection, taken when the
	 * transaction began, came after the patience was spent: checked once the connection
	 * is in hand, as a statement that waited for one would run at once after the wait.
	 */
	private <T> Optional<T> ifPrompt(long asked, long patience, Supplier<T> statement) {
		return this.transactions
			.own(() -> (System.nanoTime() - asked <= patience) ? Optional.of(statement.get()) : Optional.empty());
	}

}
