package io.github.backgroundwork.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.backgroundwork.faults.v2.V2Configuration;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling deploy: an old instance, whose classpath has neither the new handler name
 * ({@link V2Configuration#NEW_NAME}) nor the new payload class of an existing name
 * ({@link io.github.backgroundwork.faults.v2.RollingItem}), runs next to a new one that
 * enqueues work of both: every item ends SUCCEEDED on the new instance, none FAILED, and
 * the old one consumes no attempt.
 */
class RollingDeployTests extends AbstractFaultTests {

	@Test
	void theOldInstanceLeavesTheNewVersionsWorkAlone() throws Exception {
		int items = FaultSize.pick(100, 1000);
		String oldClasspath = oldClasspath();
		List<Outcome> outcomes = repeat("rollingDeploy", (run) -> {
			Instance old = run.start("OLD", oldClasspath, Map.of("faults.work", "10"), Map.of());
			run.awaitReady(old);
			Instance fresh = run.start("NEW",
					Map.of("faults.work", "10", "faults.v2", "true", "faults.enqueue", String.valueOf(items)),
					Map.of());
			run.awaitReady(fresh);
			Outcome outcome = finish(run, items, Duration.ofSeconds(FaultSize.pick(60, 120)), 0, "");
			return new Outcome(outcome.tally(), outcome.ended(), 0, "completed by " + outcome.tally().completedBy()
					+ ", attempts without a run " + outcome.tally().unmatchedAttempts() + "; " + outcome.notes());
		});
		assertThat(outcomes).allSatisfy((outcome) -> {
			assertThat(outcome.tally().states()).as("states: %s", outcome.notes()).containsOnlyKeys("SUCCEEDED");
			assertThat(outcome.tally().completedBy()).as("completed by: %s", outcome.notes()).containsOnlyKeys("NEW");
			assertThat(outcome.tally().unmatchedAttempts()).as("attempts consumed by the old instance").isZero();
		});
		assertPromises(outcomes, 2, 0, 0);
	}

	/**
	 * The test classpath with {@code target/test-classes} replaced by a copy without the
	 * {@code v2} package: the old version of the application.
	 */
	private static String oldClasspath() throws IOException {
		Path oldClasses = Path.of("target", "faults", "old-classes").toAbsolutePath();
		FileSystemUtils.deleteRecursively(oldClasses);
		String v2 = V2Configuration.class.getPackageName().replace('.', File.separatorChar);
		List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
		Path testClasses = entries.stream()
			.map(Path::of)
			.filter((entry) -> entry.endsWith("test-classes"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No test-classes on " + entries));
		try (Stream<Path> files = Files.walk(testClasses)) {
			files.filter((file) -> !testClasses.relativize(file).startsWith(v2)).forEach((file) -> {
				try {
					Path copy = oldClasses.resolve(testClasses.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(copy);
					}
					else {
						Files.copy(file, copy);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		assertThat(oldClasses.resolve(v2)).doesNotExist();
		return entries.stream()
			.map((entry) -> Path.of(entry).equals(testClasses) ? oldClasses.toString() : entry)
			.collect(Collectors.joining(File.pathSeparator));
	}

}
