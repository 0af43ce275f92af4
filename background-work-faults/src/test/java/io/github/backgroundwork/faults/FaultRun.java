package io.github.backgroundwork.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.awaitility.Awaitility.await;

/**
 * One repetition of a scenario: its own two databases on the scenario's PostgreSQL (the
 * application's, with the work table, and the log of runs, with {@code fault_runs}), the
 * child instances it starts, waiting for the items to end, and the count.
 */
final class FaultRun implements AutoCloseable {

	/**
	 * Prefix of the application name of every child's pool, for
	 * {@code pg_terminate_backend}.
	 */
	static final String APPLICATION_PREFIX = "faults-app-";

	private final FaultDatabase database;

	private final Path directory;

	private final String appDatabase;

	private final String logDatabase;

	private final List<Instance> instances = new ArrayList<>();

	private final long startedAt = System.nanoTime();

	private FaultRun(FaultDatabase database, Path directory, String appDatabase, String logDatabase) {
		this.database = database;
		this.directory = directory;
		this.appDatabase = appDatabase;
		this.logDatabase = logDatabase;
	}

	/**
	 * Create the run's databases, with the work table unless told otherwise.
	 * @param database the scenario's PostgreSQL
	 * @param directory where the children's output goes
	 * @param repetition the repetition's number
	 * @param workTable whether to create the work table
	 * @return the run
	 */
	static FaultRun start(FaultDatabase database, Path directory, int repetition, boolean workTable) {
		FaultRun run = new FaultRun(database, directory.resolve("r" + repetition), "faults_r" + repetition,
				"faultlog_r" + repetition);
		database.create(run.appDatabase);
		database.create(run.logDatabase);
		run.log()
			.execute("CREATE TABLE fault_runs (run_id BIGSERIAL PRIMARY KEY, item_id VARCHAR(64) NOT NULL,"
					+ " instance VARCHAR(64) NOT NULL, started TIMESTAMP WITH TIME ZONE NOT NULL,"
					+ " completed TIMESTAMP WITH TIME ZONE)");
		if (workTable) {
			// The library's own script, as background-work.jdbc.initialize-schema=always
			// runs it
			new ResourceDatabasePopulator(new ClassPathResource("io/github/backgroundwork/jdbc/schema-postgresql.sql"))
				.execute(run.app().getDataSource());
		}
		return run;
	}

	FaultDatabase database() {
		return this.database;
	}

	String appDatabase() {
		return this.appDatabase;
	}

	JdbcTemplate app() {
		return this.database.admin(this.appDatabase);
	}

	JdbcTemplate log() {
		return this.database.admin(this.logDatabase);
	}

	/**
	 * Start a child instance on the test classpath.
	 * @param name its name
	 * @param systemProperties {@code -D} options besides the defaults
	 * @param properties Spring properties that replace or add to the defaults
	 * @return the instance
	 */
	Instance start(String name, Map<String, String> systemProperties, Map<String, String> properties) {
		return start(name, System.getProperty("java.class.path"), systemProperties, properties);
	}

	Instance start(String name, String classpath, Map<String, String> systemProperties,
			Map<String, String> properties) {
		Map<String, String> system = new LinkedHashMap<>();
		system.put("faults.log-url", this.database.url(this.logDatabase, "faults-recorder-" + name));
		system.putAll(systemProperties);
		Map<String, String> arguments = new LinkedHashMap<>();
		arguments.put("spring.main.banner-mode", "off");
		arguments.put("spring.main.web-application-type", "none");
		arguments.put("spring.datasource.url", this.database.url(this.appDatabase, APPLICATION_PREFIX + name));
		arguments.put("spring.datasource.username", "postgres");
		arguments.put("spring.datasource.hikari.maximum-pool-size", "10");
		arguments.put("background-work.store", "jdbc");
		arguments.put("background-work.jdbc.initialize-schema", "never");
		arguments.put("background-work.jdbc.lease", "10s");
		arguments.put("background-work.jdbc.poll-interval", "500ms");
		arguments.put("background-work.concurrency", "4");
		arguments.put("background-work.retry.delay", "200ms");
		arguments.put("background-work.shutdown.drain-timeout", "2s");
		arguments.put("background-work.shutdown.cancellation-grace", "1s");
		arguments.put("logging.pattern.console", Instance.LOG_PATTERN);
		arguments.put("logging.level.root", "info");
		arguments.putAll(properties);
		Instance instance = Instance.start(name, this.directory, classpath, system, arguments);
		this.instances.add(instance);
		return instance;
	}

	/**
	 * Wait until the instances have started (and enqueued what they were told to).
	 * @param instances the instances
	 */
	void awaitReady(Instance... instances) {
		for (Instance instance : instances) {
			await("instance " + instance.name() + " ready").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> instance.isReady() || !instance.isAlive());
			if (!instance.isReady()) {
				throw new IllegalStateException(
						"Instance " + instance.name() + " did not start; its output:\n" + instance.output());
			}
		}
	}

	/**
	 * Return how many items have completed at least one run; 0 while the database is
	 * unreachable.
	 * @return the count
	 */
	long completed() {
		try {
			Long count = log().queryForObject(
					"SELECT count(DISTINCT item_id) FROM fault_runs WHERE completed IS NOT NULL", Long.class);
			return (count != null) ? count : 0;
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Return how many runs an instance has started.
	 * @param instance the instance's name
	 * @return the count; 0 while the database is unreachable
	 */
	long started(String instance) {
		try {
			Long count = log().queryForObject("SELECT count(*) FROM fault_runs WHERE instance = ?", Long.class,
					instance);
			return (count != null) ? count : 0;
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Return how many rows of the work table are live; -1 while the database is
	 * unreachable.
	 * @return the count
	 */
	long live() {
		try {
			Long count = app().queryForObject(
					"SELECT count(*) FROM background_work WHERE state IN ('QUEUED', 'SCHEDULED', 'RUNNING')",
					Long.class);
			return (count != null) ? count : -1;
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Wait until no row of the work table is live: once the enqueuing instance is ready,
	 * every item it enqueued is stored (or never will be, and counts as lost).
	 * @param deadline how long to wait at most
	 * @return whether they ended in time
	 */
	boolean awaitEnded(Duration deadline) {
		try {
			await("every item ended").atMost(deadline)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> app().queryForObject(
						"SELECT count(*) FROM background_work WHERE state IN ('QUEUED', 'SCHEDULED', 'RUNNING')",
						Integer.class) == 0);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	/**
	 * Stop every instance still running, gracefully, each at most a minute.
	 */
	void stopAll() {
		this.instances.stream().filter(Instance::isAlive).forEach(Instance::requestStop);
		this.instances.forEach((instance) -> instance.waitFor(60));
	}

	/**
	 * Count what happened, from the database and the logs, once the instances are gone.
	 * @param enqueued how many items the instances said they enqueued
	 * @return the count
	 */
	Tally tally(int enqueued) {
		return Tally.of(enqueued, app(), log(), logCount());
	}

	Instance.LogCount logCount() {
		return this.instances.stream()
			.map(Instance::logCount)
			.reduce(new Instance.LogCount(0, 0, 0), Instance.LogCount::plus);
	}

	double seconds() {
		return (System.nanoTime() - this.startedAt) / 1e9;
	}

	List<Instance> instances() {
		return this.instances;
	}

	@Override
	public void close() {
		this.instances.forEach(Instance::destroy);
	}

}
