package io.github.backgroundwork.benchmarks.durable;

import java.time.Duration;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobActivator;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;
import org.jspecify.annotations.Nullable;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/**
 * JobRunr OSS with its PostgreSQL storage: a {@link BackgroundJobServer} of 8 workers
 * polling at the smallest interval JobRunr accepts for a SQL database (5 s,
 * {@code AbstractStorageProvider.validatePollInterval}), and a {@link JobScheduler} on a
 * second storage provider and pool that only enqueues. Jobs are a static method.
 */
final class JobRunrContender implements DurableContender {

	static final String DATABASE = "jobrunr_bench";

	/**
	 * The smallest poll interval JobRunr OSS accepts for a SQL storage provider.
	 */
	static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

	private final HikariDataSource runnerPool;

	private final HikariDataSource clientPool;

	private final BackgroundJobServer server;

	private final JobScheduler runner;

	private final JobScheduler client;

	JobRunrContender(PostgresServer server) {
		JsonMapper json = new Jackson3JsonMapper();
		this.runnerPool = server.pool(DATABASE, "jobrunr-runner");
		this.clientPool = server.pool(DATABASE, "jobrunr-client");
		PostgresStorageProvider runnerStorage = storage(this.runnerPool, json);
		PostgresStorageProvider clientStorage = storage(this.clientPool, json);
		this.server = new BackgroundJobServer(runnerStorage, json, new NoActivator(),
				usingStandardBackgroundJobServerConfiguration().andWorkerCount(WORKERS).andPollInterval(POLL_INTERVAL));
		this.server.start();
		this.runner = new JobScheduler(runnerStorage);
		this.client = new JobScheduler(clientStorage);
	}

	private static PostgresStorageProvider storage(HikariDataSource pool, JsonMapper json) {
		PostgresStorageProvider storage = new PostgresStorageProvider(pool);
		storage.setJobMapper(new JobMapper(json));
		return storage;
	}

	@Override
	public String name() {
		return "JobRunr OSS 8.7.0";
	}

	@Override
	public String configuration() {
		return "BackgroundJobServer, worker count " + WORKERS + ", poll interval " + POLL_INTERVAL.toSeconds()
				+ " s (the smallest it accepts for SQL storage), PostgresStorageProvider, Jackson3JsonMapper, "
				+ "a static no-op method as job, batches with JobScheduler.enqueue(Stream, lambda)";
	}

	@Override
	public void enqueueOne(int id) {
		this.runner.enqueue(() -> JobRunrWork.run(id));
	}

	@Override
	public void enqueueBatch(int first, int count) {
		this.runner.enqueue(IntStream.range(first, first + count).boxed(), (id) -> JobRunrWork.run(id));
	}

	@Override
	public void enqueueOneElsewhere(int id) {
		this.client.enqueue(() -> JobRunrWork.run(id));
	}

	@Override
	public void close() {
		this.server.stop();
		this.runnerPool.close();
		this.clientPool.close();
	}

	/**
	 * The jobs are static methods: nothing to activate.
	 */
	private static final class NoActivator implements JobActivator {

		@Override
		public <T> @Nullable T activateJob(Class<T> type) {
			return null;
		}

	}

}
