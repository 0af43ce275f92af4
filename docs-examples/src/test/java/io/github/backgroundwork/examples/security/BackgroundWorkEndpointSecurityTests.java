package io.github.backgroundwork.examples.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint security recipe ({@link BackgroundWorkEndpointSecurity}), exercised over
 * HTTP as an operator's tool calls it.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"server.address=127.0.0.1", "management.endpoints.web.exposure.include=health,backgroundwork",
		"management.endpoint.backgroundwork.access=unrestricted",
		// This module's other examples bring JDBC, Flyway and Liquibase; this one needs
		// no database
		"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class BackgroundWorkEndpointSecurityTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final CountDownLatch release = new CountDownLatch(1);

	@Autowired
	private BackgroundWorkQueue queue;

	@LocalServerPort
	private int port;

	@AfterEach
	void releaseWork() {
		this.release.countDown();
	}

	@Test
	void anonymousRequestsAreAskedToAuthenticate() throws Exception {
		assertThat(send("GET", "", null).statusCode()).isEqualTo(401);
	}

	@Test
	void supportReadsButCannotCancel() throws Exception {
		WorkHandle item = this.queue.enqueue("export", (context) -> this.release.await(30, TimeUnit.SECONDS));
		assertThat(send("GET", "", "support:s").statusCode()).isEqualTo(200);
		assertThat(send("GET", "/" + item.id(), "support:s").statusCode()).isEqualTo(200);
		assertThat(send("DELETE", "/" + item.id(), "support:s").statusCode()).isEqualTo(403);
		assertThat(item.state()).isIn(WorkState.QUEUED, WorkState.RUNNING);
	}

	@Test
	void operatorsCancelWork() throws Exception {
		WorkHandle item = this.queue.enqueue("export", (context) -> {
			while (!context.isCancellationRequested()) {
				this.release.await(10, TimeUnit.MILLISECONDS);
			}
		});
		assertThat(send("DELETE", "/" + item.id(), "operator:o").statusCode()).isEqualTo(200);
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> item.state() == WorkState.CANCELLED);
	}

	@Test
	void otherEndpointsKeepTheApplicationsRules() throws Exception {
		HttpResponse<String> health = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		// The recipe keeps Boot's default rule for everything else: a user is needed
		assertThat(health.statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> send(String method, String path, @Nullable String user) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/backgroundwork" + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
