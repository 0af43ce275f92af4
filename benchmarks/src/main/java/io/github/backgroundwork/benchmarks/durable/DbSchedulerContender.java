package io.github.backgroundwork.benchmarks.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;

/**
 * db-scheduler: a {@link Scheduler} of 8 threads polling with lock-and-fetch every
 * {@value #POLL_MILLIS} ms, with immediate execution on (which wakes only the scheduler
 * that scheduled the item), and a {@link SchedulerClient} on a second pool that only
 * schedules. Instance ids are the items' numbers.
 */
final class DbSchedulerContender implements DurableContender {

	static final String DATABASE = "db_scheduler_bench";

	static final long POLL_MILLIS = 100;

	static final String SCHEMA = """
			CREATE TABLE IF NOT EXISTS scheduled_tasks (
			  task_name text NOT NULL,
			  task_instance text NOT NULL,
			  task_data bytea,
			  execution_time timestamp with time zone NOT NULL,
			  picked boolean NOT NULL,
			  picked_by text,
			  last_success timestamp with time zone,
			  last_failure timestamp with time zone,
			  consecutive_failures int,
			  last_heartbeat timestamp with time zone,
			  version bigint NOT NULL,
			  priority smallint,
			  PRIMARY KEY (task_name, task_instance)
			);
			CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
			CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
			CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
			""";

	private static final OneTimeTask<Integer> TASK = Tasks.oneTime("noop", Integer.class)
		.execute((instance, context) -> Probe.ran(instance.getData()));

	private final HikariDataSource runnerPool;

	private final HikariDataSource clientPool;

	private final Scheduler scheduler;

	private final SchedulerClient client;

	DbSchedulerContender(PostgresServer server) {
		this.runnerPool = server.pool(DATABASE, "db-scheduler-runner");
		this.clientPool = server.pool(DATABASE, "db-scheduler-client");
		this.scheduler = Scheduler.create(this.runnerPool, TASK)
			.threads(WORKERS)
			.pollUsingLockAndFetch(0.5, 1.0)
			.pollingInterval(Duration.ofMillis(POLL_MILLIS))
			.enableImmediateExecution()
			.shutdownMaxWait(Duration.ofSeconds(1))
			.build();
		this.scheduler.start();
		this.client = SchedulerClient.Builder.create(this.clientPool, TASK).build();
	}

	@Override
	public String name() {
		return "db-scheduler 16.12.0";
	}

	@Override
	public String configuration() {
		return "threads " + WORKERS + ", pollUsingLockAndFetch(0.5, 1.0), pollingInterval " + POLL_MILLIS
				+ " ms (it accepts any), enableImmediateExecution() (wakes the scheduling instance only), "
				+ "a one-time task, batches with scheduleBatch";
	}

	@Override
	public void enqueueOne(int id) {
		this.scheduler.scheduleIfNotExists(TASK.instance(Integer.toString(id), id), Instant.now());
	}

	@Override
	public void enqueueBatch(int first, int count) {
		List<TaskInstance<?>> instances = new ArrayList<>(count);
		for (int id = first; id < first + count; id++) {
			instances.add(TASK.instance(Integer.toString(id), id));
		}
		this.scheduler.scheduleBatch(instances, Instant.now());
	}

	@Override
	public void enqueueOneElsewhere(int id) {
		this.client.scheduleIfNotExists(TASK.instance(Integer.toString(id), id), Instant.now());
	}

	@Override
	public void close() {
		this.scheduler.stop();
		this.runnerPool.close();
		this.clientPool.close();
	}

}
