package io.github.backgroundwork.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link BackgroundWorkEndpoint} over real HTTP with its default access,
 * read-only: exposing it lets nobody cancel work until
 * {@code management.endpoint.backgroundwork.access=unrestricted} says so.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.endpoints.web.exposure.include=backgroundwork" })
@DirtiesContext
class BackgroundWorkEndpointReadOnlyIntegrationTests {

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
	void defaultAccessServesReadsAndRefusesDeleteAndActions() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicReference<WorkContext> workContext = new AtomicReference<>();
		WorkHandle item = this.queue.enqueue("export", (context) -> {
			workContext.set(context);
			started.countDown();
			this.release.await(10, TimeUnit.SECONDS);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(send("GET", "/actuator/backgroundwork").statusCode()).isEqualTo(200);
		HttpResponse<String> item200 = send("GET", "/actuator/backgroundwork/" + item.id());
		assertThat(item200.statusCode()).isEqualTo(200);
		assertThat(item200.body()).contains("\"name\":\"export\"");
		HttpResponse<String> delete = send("DELETE", "/actuator/backgroundwork/" + item.id());
		assertThat(delete.statusCode()).isEqualTo(405);
		// The operator actions are writes: refused too
		assertThat(send("POST", "/actuator/backgroundwork/" + item.id()).statusCode()).isEqualTo(405);
		assertThat(send("POST", "/actuator/backgroundwork").statusCode()).isEqualTo(405);
		assertThat(workContext.get().isCancellationRequested()).isFalse();
		this.release.countDown();
		item.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(item.state()).isEqualTo(WorkState.SUCCEEDED);
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
