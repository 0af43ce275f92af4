package io.github.backgroundwork.benchmarks.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This project's queue with its JDBC store: a started queue of 8 workers, and a queue
 * that is never started (it only enqueues), each on its own pool. Enqueues run in a
 * {@link TransactionTemplate}, as in an application.
 */
final class OurQueue implements DurableContender {

	static final String DATABASE = "background_work_bench";

	static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private final HikariDataSource runnerPool;

	private final HikariDataSource clientPool;

	private final DefaultBackgroundWorkQueue runner;

	private final DefaultBackgroundWorkQueue client;

	private final TransactionTemplate runnerTransactions;

	private final TransactionTemplate clientTransactions;

	OurQueue(PostgresServer server) {
		this.runnerPool = server.pool(DATABASE, "ours-runner");
		this.clientPool = server.pool(DATABASE, "ours-client");
		this.runner = queue(this.runnerPool, "runner-");
		this.client = queue(this.clientPool, "client-");
		this.runnerTransactions = new TransactionTemplate(new DataSourceTransactionManager(this.runnerPool));
		this.clientTransactions = new TransactionTemplate(new DataSourceTransactionManager(this.clientPool));
		this.runner.start();
	}

	static DefaultBackgroundWorkQueue queue(HikariDataSource pool, String prefix) {
		JdbcWorkStore store = JdbcWorkStore.builder(pool).build();
		return DefaultBackgroundWorkQueue.builder()
			.concurrency(WORKERS)
			.threadNamePrefix(prefix)
			.handlers(WorkHandlers.of(new NoopHandler()))
			.durableWork(JdbcDurableWork.factory(pool, store, JsonMapper.shared(), POLL_INTERVAL, Duration.ofDays(7)))
			.build();
	}

	@Override
	public String name() {
		return "background-work";
	}

	@Override
	public String configuration() {
		return "concurrency " + WORKERS + ", JdbcWorkStore defaults (lease 30 s), poll interval "
				+ POLL_INTERVAL.toMillis() + " ms (a safety net: LISTEN/NOTIFY wakes it), "
				+ "enqueue in a TransactionTemplate, the listener holds one of the pool's connections";
	}

	@Override
	public void enqueueOne(int id) {
		this.runnerTransactions.executeWithoutResult((status) -> this.runner.enqueue(request(id)));
	}

	/**
	 * Enqueue one item without a transaction (the insert and the notification commit on
	 * their own).
	 * @param id the item's number
	 */
	void enqueueOneWithoutTransaction(int id) {
		this.runner.enqueue(request(id));
	}

	@Override
	public void enqueueBatch(int first, int count) {
		List<WorkRequest> requests = new ArrayList<>(count);
		for (int id = first; id < first + count; id++) {
			requests.add(request(id));
		}
		this.runnerTransactions.executeWithoutResult((status) -> this.runner.enqueueAll(requests));
	}

	@Override
	public void enqueueOneElsewhere(int id) {
		this.clientTransactions.executeWithoutResult((status) -> this.client.enqueue(request(id)));
	}

	private static WorkRequest request(int id) {
		return WorkRequest.of(NoopHandler.NAME, new Noop(id));
	}

	@Override
	public void close() {
		this.runner.stop();
		this.client.stop();
		this.runnerPool.close();
		this.clientPool.close();
	}

	/**
	 * The payload: the item's number.
	 *
	 * @param id the item's number
	 */
	public record Noop(int id) {
	}

	/**
	 * The no-op handler.
	 */
	public static final class NoopHandler {

		static final String NAME = "noop";

		@BackgroundWorkHandler(NAME)
		public void run(Noop item) {
			Probe.ran(item.id());
		}

	}

}
