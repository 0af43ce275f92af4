package io.github.backgroundwork.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A child JVM running {@link FaultApplication}, its output in a file under
 * {@code target/}: started as {@code java -cp <classpath> ...} with system properties
 * choosing its behaviour and Spring properties its configuration, as an operator would.
 */
final class Instance {

	/**
	 * The log pattern the children use: the level second, the whole logger name.
	 */
	static final String LOG_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger : %msg%n%wEx";

	private static final Pattern WARNING = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR) .*");

	private static final String LIBRARY = "io.github.backgroundwork.";

	private final String name;

	private final Path output;

	private final Process process;

	private final long startedAt = System.nanoTime();

	private Instance(String name, Path output, Process process) {
		this.name = name;
		this.output = output;
		this.process = process;
	}

	/**
	 * Start a child JVM.
	 * @param name the instance's name, as recorded in {@code fault_runs}
	 * @param directory where its output goes
	 * @param classpath its classpath
	 * @param systemProperties {@code -D} options
	 * @param arguments Spring properties, as {@code --name=value} arguments
	 * @return the running instance
	 */
	static Instance start(String name, Path directory, String classpath, Map<String, String> systemProperties,
			Map<String, String> arguments) {
		String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfaults.instance=" + name));
		systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.addAll(List.of("-cp", classpath, FaultApplication.class.getName()));
		arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(directory);
			Path output = directory.resolve(name + ".log");
			Path stdin = directory.resolve(name + ".stdin");
			Files.deleteIfExists(stdin);
			Files.createFile(stdin);
			// To a file, not a pipe: the child must never block on a full pipe
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()))
				.start();
			return new Instance(name, output, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start instance " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	boolean isReady() {
		return lines().stream().anyMatch((line) -> line.startsWith("READY "));
	}

	/**
	 * Kill the JVM at once ({@code kill -9}) and wait for it to be gone.
	 */
	void kill() {
		this.process.destroyForcibly();
		waitFor(30);
	}

	/**
	 * Ask the JVM to stop (SIGTERM: Spring's graceful shutdown) without waiting.
	 */
	void requestStop() {
		this.process.destroy();
	}

	/**
	 * Wait for the JVM to exit, killing it if it has not after a while.
	 * @param seconds how long to wait
	 * @return whether it exited by itself
	 */
	boolean waitFor(long seconds) {
		try {
			if (this.process.waitFor(seconds, TimeUnit.SECONDS)) {
				return true;
			}
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
			return false;
		}
	}

	int exitValue() {
		return this.process.exitValue();
	}

	double secondsSinceStart() {
		return (System.nanoTime() - this.startedAt) / 1e9;
	}

	/**
	 * Kill the JVM if it is still running: for {@code finally} blocks.
	 */
	void destroy() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			waitFor(30);
		}
	}

	List<String> lines() {
		try {
			return Files.exists(this.output) ? Files.readAllLines(this.output, StandardCharsets.UTF_8) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String output() {
		return String.join("\n", lines());
	}

	/**
	 * Count the WARN and ERROR events in the output.
	 * @return the counts
	 */
	LogCount logCount() {
		List<String> lines = lines();
		List<String> warnings = lines.stream().filter((line) -> WARNING.matcher(line).matches()).toList();
		long library = warnings.stream().filter((line) -> line.contains("] " + LIBRARY)).count();
		return new LogCount(library, warnings.size(), lines.size());
	}

	/**
	 * WARN and ERROR events in a log.
	 *
	 * @param library those of the library's loggers
	 * @param all all of them
	 * @param lines the log's lines, stack traces included
	 */
	record LogCount(long library, long all, long lines) {

		LogCount plus(LogCount other) {
			return new LogCount(this.library + other.library, this.all + other.all, this.lines + other.lines);
		}

	}

}
