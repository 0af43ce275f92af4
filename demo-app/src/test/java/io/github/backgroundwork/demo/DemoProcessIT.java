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
import java.util.stream.IntStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged demo jar in a child JVM, mailing through the test's SMTP server, stopped
 * with SIGTERM ({@link Process#destroy()}) while it sends.
 */
class DemoProcessIT {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Pattern CUSTOMER_INDEX = Pattern.compile("\\.(\\d+)@customers\\.example");

	private static final int SIGTERM_EXIT_CODE = 128 + 15;

	@RegisterExtension
	final GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

	private Process process;

	private Path output;

	@AfterEach
	void stopTheDemo() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void sigtermWhileSendingExitsOnlyAfterEveryCustomersMailArrived(TestInfo test) throws Exception {
		int port = start(test, "--demo.customers.count=40", "--demo.mail.send-delay=50ms");
		String id = postNotification(port);
		await().atMost(Duration.ofSeconds(20)).until(() -> received().size() >= 3);
		int receivedAtSigterm = received().size();

		stopWithSigterm();

		assertThat(receivedAtSigterm).as("mails received when SIGTERM was sent").isLessThan(40);
		assertThat(customerIndexes(received())).as("customers who got a mail, each once")
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
		assertThat(output()).contains("Background work 'customer-mail' (" + id + ") sent 40 mails",
				"Background work 'customer-mail' (" + id + ") ended SUCCEEDED");
	}

	@Test
	void sigtermWithShortDrainTimeoutStopsAtACustomerBoundaryAndReportsTheItemAbandoned(TestInfo test)
			throws Exception {
		int port = start(test, "--demo.customers.count=200", "--demo.mail.send-delay=50ms",
				"--background-work.shutdown.drain-timeout=300ms", "--background-work.shutdown.cancellation-grace=10s");
		String id = postNotification(port);
		await().atMost(Duration.ofSeconds(20)).until(() -> received().size() >= 3);

		stopWithSigterm();

		List<MimeMessage> received = received();
		assertThat(received).as("mails received").hasSizeLessThan(200);
		assertThat(customerIndexes(received)).as("customers who got a mail: the first ones, each once")
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, received.size()).boxed().toList());
		assertThat(output()).contains(
				"Background work 'customer-mail' (" + id + ") stopped at a customer boundary after " + received.size()
						+ " of 200 mails: cancellation requested",
				"Background work 'customer-mail' (" + id + ") abandoned at shutdown at " + received.size() + "/200");
	}

	private int start(TestInfo test, String... arguments) throws IOException {
		Path directory = Files.createDirectories(Path.of("target", "demo-process"));
		this.output = directory.resolve(test.getTestMethod().orElseThrow().getName() + ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-jar", demoJar().toString(), "--server.port=0",
						"--server.address=127.0.0.1", "--spring.mail.host=127.0.0.1",
						"--spring.mail.port=" + this.smtp.getSmtp().getPort(),
						// Not the demo's file database, which a running demo may hold
						"--spring.datasource.url=jdbc:h2:mem:demo-process-it"));
		command.addAll(List.of(arguments));
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.output.toFile())
			.start();
		return await().atMost(Duration.ofSeconds(60)).until(this::port, (port) -> port > 0);
	}

	private static Path demoJar() {
		Path jar = Path.of(System.getProperty("demo.jar", "target/demo-app.jar"));
		assertThat(jar).as("the packaged demo (run with ./mvnw verify)").isRegularFile();
		return jar;
	}

	private int port() throws IOException {
		assertThat(this.process.isAlive()).as("demo process alive; its output:%n%s", output()).isTrue();
		Matcher matcher = PORT.matcher(output());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	private String postNotification(int port) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/customers/notifications"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"Spring sale\", \"message\": \"20% off\"}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String id = JsonPath.read(response.body(), "$.id");
		assertThat(response.headers().firstValue("Location")).hasValue("/work/" + id);
		return id;
	}

	private void stopWithSigterm() throws Exception {
		this.process.destroy();
		assertThat(this.process.waitFor(40, TimeUnit.SECONDS)).as("demo exited after SIGTERM").isTrue();
		assertThat(this.process.exitValue()).as("exit code; output:%n%s", output()).isEqualTo(SIGTERM_EXIT_CODE);
	}

	private List<MimeMessage> received() {
		return List.of(this.smtp.getReceivedMessages());
	}

	private static List<Integer> customerIndexes(List<MimeMessage> mails) throws MessagingException {
		List<Integer> indexes = new ArrayList<>();
		for (MimeMessage mail : mails) {
			String recipient = InternetAddress.toString(mail.getAllRecipients());
			Matcher matcher = CUSTOMER_INDEX.matcher(recipient);
			assertThat(matcher.find()).as(recipient).isTrue();
			indexes.add(Integer.parseInt(matcher.group(1)));
		}
		return indexes;
	}

	private String output() throws IOException {
		return Files.readString(this.output, StandardCharsets.UTF_8);
	}

}
