package io.github.backgroundwork.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged demo jar running in a child JVM as a user starts it, with its own
 * {@code java.io.tmpdir}: its H2 file database and its PID file are where the demo's
 * {@code application.properties} puts them, under that directory, so that a second start
 * on the same directory finds the first one's database.
 */
final class DemoJar {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final Path output;

	private final int port;

	private DemoJar(Process process, Path output) throws IOException {
		this.process = process;
		this.output = output;
		// A loaded 2-core machine takes a minute to start it
		this.port = await().atMost(Duration.ofSeconds(150)).until(this::findPort, (port) -> port > 0);
	}

	/**
	 * Start the jar, with {@code --server.port=0} and the given arguments, its output in
	 * a file.
	 */
	static DemoJar start(Path tmpdir, Path output, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmpdir.toAbsolutePath(), "-jar",
						jar().toString(), "--server.port=0", "--server.address=127.0.0.1"));
		command.addAll(List.of(arguments));
		Files.createDirectories(output.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		return new DemoJar(process, output);
	}

	private static Path jar() {
		Path jar = Path.of(System.getProperty("demo.jar", "target/demo-app.jar"));
		assertThat(jar).as("the packaged demo (run with ./mvnw verify)").isRegularFile();
		return jar;
	}

	Process process() {
		return this.process;
	}

	int port() {
		return this.port;
	}

	String output() throws IOException {
		return Files.readString(this.output, StandardCharsets.UTF_8);
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * Stop it as {@code kill} (SIGTERM) or {@code kill -9} would, and wait for it to
	 * exit.
	 * @return the exit code
	 */
	int stop(boolean forcibly, Duration atMost) throws Exception {
		if (forcibly) {
			this.process.destroyForcibly();
		}
		else {
			this.process.destroy();
		}
		assertThat(this.process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS))
			.as("demo exited within %s; its output:%n%s", atMost, output())
			.isTrue();
		return this.process.exitValue();
	}

	/**
	 * Kill it, if it still runs: after a failed test.
	 */
	void destroy() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private int findPort() throws IOException {
		assertThat(this.process.isAlive()).as("demo process alive; its output:%n%s", output()).isTrue();
		Matcher matcher = PORT.matcher(output());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

}
