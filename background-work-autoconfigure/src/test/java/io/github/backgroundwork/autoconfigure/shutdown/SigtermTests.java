package io.github.backgroundwork.autoconfigure.shutdown;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts an application in a child JVM, enqueues work, sends it SIGTERM and checks from
 * its output that every item completed before the process exited.
 */
class SigtermTests {

	@Test
	void sigtermWaitsForEveryAcceptedItem(@TempDir Path directory) throws Exception {
		String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
		// To a file, not a pipe: Process.destroy() closes the pipes, and we want
		// everything the child prints while it shuts down
		Path output = directory.resolve("output.txt");
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				SigtermApplication.class.getName(), "--background-work.concurrency=2", "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--spring.main.web-application-type=none")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Files.createFile(directory.resolve("stdin")).toFile()))
			.start();
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> read(output).contains("READY") || !process.isAlive());
			assertThat(process.isAlive()).as("child running; output: %s", read(output)).isTrue();
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited; output: %s", read(output)).isTrue();
			List<String> lines = read(output);
			List<String> done = IntStream.rangeClosed(1, SigtermApplication.ITEMS)
				.mapToObj((i) -> "DONE " + i)
				.toList();
			assertThat(lines).as("output").containsAll(done);
			int destroying = lines.indexOf("DESTROYING succeeded=" + SigtermApplication.ITEMS);
			assertThat(destroying).as("beans destroyed after every item; output: %s", lines).isPositive();
			assertThat(done).allSatisfy((line) -> assertThat(lines.indexOf(line)).isLessThan(destroying));
			// SIGTERM came while work was queued: some items finished after the close
			// began
			int closing = lines.indexOf("CLOSING");
			assertThat(closing).isPositive();
			assertThat(done).anySatisfy((line) -> assertThat(lines.indexOf(line)).isGreaterThan(closing));
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static List<String> read(Path output) throws Exception {
		return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
	}

}
