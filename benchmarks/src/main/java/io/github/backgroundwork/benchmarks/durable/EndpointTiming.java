package io.github.backgroundwork.benchmarks.durable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.DurableWorkDescriber;
import io.github.backgroundwork.jdbc.JdbcWorkStore;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The endpoint's answer time with 1,000,000 rows in the table: the rows are inserted with
 * {@code generate_series} (over one day, 20 names, 97% succeeded, 1% failed, 1%
 * cancelled, 1% live: queued, scheduled and running), analysed, and each of the
 * endpoint's reads is timed 50 times after 5 unmeasured calls, on a
 * {@link BackgroundWorkEndpoint} built as the auto-configuration builds it.
 */
final class EndpointTiming {

	static final String DATABASE = "endpoint_bench";

	static final int ROWS = Integer.getInteger("durable.endpointRows", 1_000_000);

	private static final int WARM_UP = 5;

	private static final int CALLS = 50;

	private static final String INSERT = """
			INSERT INTO background_work (id, name, work_key, live_key, payload, payload_type, state, attempts,
			  max_retries, not_before, owner, lease_until, enqueued_at, started_at, finished_at, error)
			SELECT 'e-' || i, 'work-' || (i %% 20), NULL, NULL, '{"id":' || i || '}', 'com.example.Payload',
			  s.state, CASE WHEN s.state IN ('QUEUED', 'SCHEDULED') THEN 0 ELSE 1 END, 3,
			  CASE WHEN s.state = 'SCHEDULED' THEN now() + interval '1 hour' ELSE t.enqueued END,
			  CASE WHEN s.state IN ('QUEUED', 'SCHEDULED') THEN NULL ELSE 'bgwork-bench' END,
			  CASE WHEN s.state = 'RUNNING' THEN now() + interval '1 hour' ELSE NULL END,
			  t.enqueued,
			  CASE WHEN s.state IN ('QUEUED', 'SCHEDULED') THEN NULL ELSE t.enqueued + interval '10 ms' END,
			  CASE WHEN s.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') THEN t.enqueued + interval '20 ms' END,
			  CASE WHEN s.state = 'FAILED' THEN 'java.lang.IllegalStateException: failed ' || i END
			FROM generate_series(1, %d) AS i,
			  LATERAL (SELECT CASE WHEN i %% 100 < 97 THEN 'SUCCEEDED' WHEN i %% 100 = 97 THEN 'FAILED'
			    WHEN i %% 100 = 98 THEN 'CANCELLED' WHEN i %% 400 = 99 THEN 'RUNNING'
			    WHEN i %% 400 = 199 THEN 'SCHEDULED' ELSE 'QUEUED' END AS state) AS s,
			  LATERAL (SELECT now() - (%d - i) * interval '86 ms' AS enqueued) AS t
			""".formatted(ROWS, ROWS);

	private EndpointTiming() {
	}

	/**
	 * Fill the table and time the endpoint's reads.
	 * @param server the server
	 * @return p50 and p99 in milliseconds of each read, by read
	 */
	static Map<String, double[]> run(PostgresServer server) {
		server.createDatabase(DATABASE);
		Map<String, double[]> results = new LinkedHashMap<>();
		try (HikariDataSource pool = server.pool(DATABASE, "endpoint")) {
			DurableBenchmark.createSchema(pool);
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			long start = System.nanoTime();
			jdbc.execute(INSERT);
			jdbc.execute("ANALYZE background_work");
			System.out.printf("Inserted and analysed %,d rows in %.1f s%n", ROWS, (System.nanoTime() - start) / 1e9);
			DefaultBackgroundWorkQueue queue = OurQueue.queue(pool, "endpoint-");
			BackgroundWorkEndpoint endpoint = new BackgroundWorkEndpoint(Map.of("backgroundWorkQueue", queue),
					new DurableWorkDescriber(JdbcWorkStore.builder(pool).build().reader()));
			results.put("GET /actuator/backgroundwork (counts + newest 20)",
					time(() -> endpoint.queues(null, null, null, null, null)));
			results.put("... ?state=failed", time(() -> endpoint.queues(null, "failed", null, null, null)));
			results.put("... ?name=work-7", time(() -> endpoint.queues(null, null, "work-7", null, null)));
			results.put("... ?state=succeeded&name=work-7",
					time(() -> endpoint.queues(null, "succeeded", "work-7", null, null)));
			results.put("... ?offset=10000&limit=100", time(() -> endpoint.queues(null, null, null, 10_000, 100)));
			results.put("GET /actuator/backgroundwork/{id} (stored)",
					time(() -> endpoint.item("e-" + ThreadLocalRandom.current().nextInt(1, ROWS + 1))));
			results.put("GET /actuator/backgroundwork/{id} (unknown)", time(() -> endpoint.item("no-such-id")));
			queue.stop();
		}
		return results;
	}

	private static double[] time(Supplier<?> call) {
		for (int i = 0; i < WARM_UP; i++) {
			call.get();
		}
		double[] millis = new double[CALLS];
		for (int i = 0; i < CALLS; i++) {
			long start = System.nanoTime();
			call.get();
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		return new double[] { Stats.percentile(millis, 50), Stats.percentile(millis, 99) };
	}

}
