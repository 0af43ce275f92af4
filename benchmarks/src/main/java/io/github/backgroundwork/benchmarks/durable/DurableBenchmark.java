package io.github.backgroundwork.benchmarks.durable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The durable benchmark, in one JVM on one embedded PostgreSQL: a warm-up round and then
 * {@code rounds} rounds, each measuring every contender in turn (the order rotates from
 * round to round), each contender started afresh on its own database; then the endpoint's
 * answer time with a million rows. Prints every round and writes the table to
 * {@code <results>/durable-table.md}.
 * <p>
 * Arguments: {@code rounds} (5) and {@code results} ({@code benchmarks/results}). System
 * properties: {@code -Dpostgres=production} runs PostgreSQL with production settings
 * ({@code fsync}, {@code synchronous_commit} on) and writes
 * {@code durable-table-production.md} instead; {@code -Dmeasure=throughput} measures
 * throughput only; {@code -Dendpoint=false} leaves out the endpoint's timing;
 * {@code -Dcontenders=prefix,...} runs only some contenders.
 */
public final class DurableBenchmark {

	private static final List<Contender> CONTENDERS = List.of(
			new Contender("background-work", OurQueue.DATABASE, OurQueue::new),
			new Contender("JobRunr OSS 8.7.0", JobRunrContender.DATABASE, JobRunrContender::new),
			new Contender("db-scheduler 16.12.0", DbSchedulerContender.DATABASE, DbSchedulerContender::new));

	private DurableBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		Path results = Path.of((args.length > 1) ? args[1] : "benchmarks/results");
		Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
		List<Contender> contenders = chosen();
		contenders.forEach((contender) -> figures.put(contender.name(), new LinkedHashMap<>()));
		Map<String, String> configurations = new LinkedHashMap<>();
		Map<String, double[]> endpoint;
		String machine = Machine.describe();
		System.out.println(machine);
		boolean production = "production".equals(System.getProperty("postgres"));
		boolean throughputOnly = "throughput".equals(System.getProperty("measure"));
		String settings;
		try (PostgresServer server = PostgresServer.start(production)) {
			settings = "PostgreSQL " + server.version() + " (embedded, zonky), "
					+ (production ? "production settings" : "the embedded server's settings") + ": "
					+ server.durabilitySettings() + "; pools of " + PostgresServer.POOL_SIZE
					+ " connections per instance (HikariCP)";
			System.out.println(settings);
			for (Contender contender : CONTENDERS) {
				server.createDatabase(contender.database());
			}
			try (var pool = server.pool(OurQueue.DATABASE, "schema")) {
				createSchema(pool);
				new JdbcTemplate(pool).execute("SELECT 1");
			}
			new JdbcTemplate(server.unpooled(DbSchedulerContender.DATABASE)).execute(DbSchedulerContender.SCHEMA);
			Measurements measurements = new Measurements(server);
			for (int round = 0; round <= rounds; round++) {
				String label = (round == 0) ? "warm-up" : "round " + round;
				for (int i = 0; i < contenders.size(); i++) {
					Contender contender = contenders.get((round + i) % contenders.size());
					String statementsOf = (round == rounds) ? contender.database() : null;
					// Every round starts from a vacuumed, analysed database: without
					// this, the
					// dead rows of earlier rounds (db-scheduler deletes each finished
					// row)
					// made some rounds ten times slower than others, depending on when
					// autovacuum ran
					new JdbcTemplate(server.unpooled(contender.database())).execute("VACUUM ANALYZE");
					Map<String, Double> measured;
					try (DurableContender started = contender.factory().apply(server)) {
						configurations.put(contender.name(), started.configuration());
						measured = measurements.round(started, statementsOf, throughputOnly);
					}
					System.out.println(label + " " + contender.name() + ": " + measured);
					if (round > 0) {
						Map<String, List<Double>> byMetric = figures.get(contender.name());
						measured.forEach((metric, value) -> byMetric.computeIfAbsent(metric, (key) -> new ArrayList<>())
							.add(value));
					}
				}
			}
			// -Dendpoint=false leaves out the million-row endpoint timing (a quicker run)
			endpoint = (!throughputOnly && Boolean.parseBoolean(System.getProperty("endpoint", "true")))
					? EndpointTiming.run(server) : Map.of();
		}
		String table = Report.table(machine, settings, rounds, configurations, figures, endpoint);
		System.out.println();
		System.out.println(table);
		Files.createDirectories(results);
		Files.writeString(results.resolve(production ? "durable-table-production.md" : "durable-table.md"), table);
	}

	/**
	 * The contenders to run: all, or those whose names start with one of the
	 * comma-separated prefixes of the system property {@code contenders}.
	 */
	private static List<Contender> chosen() {
		String property = System.getProperty("contenders", "");
		if (property.isBlank()) {
			return CONTENDERS;
		}
		List<String> prefixes = List.of(property.split(","));
		return CONTENDERS.stream()
			.filter((contender) -> prefixes.stream().anyMatch((prefix) -> contender.name().startsWith(prefix.trim())))
			.toList();
	}

	static void createSchema(DataSource dataSource) {
		new ResourceDatabasePopulator(new ClassPathResource("io/github/backgroundwork/jdbc/schema-postgresql.sql"))
			.execute(dataSource);
	}

	/**
	 * A contender: its name, its database, and how to start it.
	 */
	private record Contender(String name, String database, Function<PostgresServer, DurableContender> factory) {
	}

	/**
	 * The machine and JVM, for the report.
	 */
	static final class Machine {

		private Machine() {
		}

		static String describe() throws IOException {
			String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
			String load = Files.readString(Path.of("/proc/loadavg")).trim();
			return "Machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores (nproc), "
					+ (Files.readAllLines(Path.of("/proc/meminfo"))
						.get(0)
						.replaceAll("\\D+", "")
						.transform(Long::parseLong) / 1_048_576)
					+ " GB; load average at start " + load + "\nJDK: " + System.getProperty("java.vm.name") + " "
					+ System.getProperty("java.runtime.version");
		}

	}

}
