package io.github.backgroundwork.jdbc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable items survive their instance's death: a child JVM with
 * {@code background-work.store=jdbc} on embedded PostgreSQL claims items and is killed
 * with SIGKILL while running them; another instance on the same database runs them again
 * once their lease has expired.
 */
class DurableCrashTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Test
	void itemsOfADeadInstanceAreTakenOverAfterTheLease(@TempDir Path directory) throws Exception {
		String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
		// To a file, not a pipe: the child must never block on a full pipe
		Path output = directory.resolve("output.txt");
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				DurableCrashApplication.class.getName(), "--spring.main.banner-mode=off", "--logging.level.root=warn",
				"--spring.main.web-application-type=none",
				"--spring.datasource.url=" + database.dataSource().getJdbcUrl(),
				"--spring.datasource.hikari.maximum-pool-size=4", "--background-work.store=jdbc",
				"--background-work.jdbc.initialize-schema=never", "--background-work.jdbc.lease=2s",
				"--background-work.jdbc.poll-interval=200ms", "--background-work.concurrency=4")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Files.createFile(directory.resolve("stdin")).toFile()))
			.start();
		DefaultBackgroundWorkQueue survivor = null;
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> started(output) == DurableCrashApplication.ITEMS || !process.isAlive());
			assertThat(process.isAlive()).as("child running; output: %s", read(output)).isTrue();
			List<String> ids = read(output).stream()
				.filter((line) -> line.startsWith("ENQUEUED "))
				.map((line) -> line.substring("ENQUEUED ".length()))
				.toList();
			assertThat(ids).hasSize(DurableCrashApplication.ITEMS);
			process.destroyForcibly();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
			List<StoredWork> claimed = ids.stream().map(DurableCrashTests::row).toList();
			assertThat(claimed).allSatisfy((row) -> {
				assertThat(row.state()).isEqualTo(StoredState.RUNNING);
				assertThat(row.owner()).isNotNull();
				assertThat(row.attempts()).isOne();
			});
			CompletingMail completing = new CompletingMail();
			survivor = DefaultBackgroundWorkQueue.builder()
				.concurrency(4)
				.threadNamePrefix("survivor-")
				.handlers(WorkHandlers.of(completing))
				.durableWork(JdbcDurableWork.factory(database.dataSource(), database.store(Duration.ofSeconds(2)),
						JsonMapper.shared(), Duration.ofMillis(200), Duration.ofDays(7)))
				.build();
			survivor.start();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> ids.stream().allMatch((id) -> row(id).state() == StoredState.SUCCEEDED));
			assertThat(completing.sent).containsOnlyKeys(1, 2);
			for (StoredWork before : claimed) {
				StoredWork after = row(before.id());
				assertThat(after.attempts()).as("the dead instance's attempt counts").isEqualTo(2);
				assertThat(after.owner()).isNotEqualTo(before.owner());
				assertThat(after.startedAt()).as("taken over only once the lease expired")
					.isAfterOrEqualTo(before.leaseUntil());
			}
		}
		finally {
			process.destroyForcibly();
			if (survivor != null) {
				survivor.stop();
			}
		}
	}

	private static StoredWork row(String id) {
		return database.store().reader().findById(id).orElseThrow();
	}

	private static long started(Path output) throws Exception {
		return read(output).stream().filter((line) -> line.startsWith("STARTED ")).count();
	}

	private static List<String> read(Path output) throws Exception {
		return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
	}

	/**
	 * Sends each mail at once, counting how often.
	 */
	static class CompletingMail {

		final Map<Integer, Integer> sent = new ConcurrentHashMap<>();

		@BackgroundWorkHandler(DurableCrashApplication.NAME)
		void send(Mail mail) {
			this.sent.merge(mail.customer(), 1, Integer::sum);
		}

	}

}
