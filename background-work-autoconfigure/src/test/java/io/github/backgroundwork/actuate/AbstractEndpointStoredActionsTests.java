package io.github.backgroundwork.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.StoredState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link BackgroundWorkEndpoint}'s actions over real HTTP on stored work
 * ({@code background-work.store=jdbc}), with their statuses and refusals; one subclass
 * per database.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
@SpringBootTest(classes = AbstractEndpointStoredActionsTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.endpoints.web.exposure.include=backgroundwork",
				"background-work.store=jdbc", "background-work.jdbc.initialize-schema=always",
				"background-work.jdbc.poll-interval=100ms", "background-work.retry.delay=10ms",
				"management.endpoint.backgroundwork.access=unrestricted" })
@DirtiesContext
abstract class AbstractEndpointStoredActionsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private JdbcWorkStore store;

	@Autowired
	private Handlers handlers;

	@Autowired
	private JdbcTemplate jdbc;

	@LocalServerPort
	private int port;

	@BeforeEach
	void clear() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.queue.statistics().running() == 0);
		this.jdbc.update("DELETE FROM background_work");
		this.handlers.flakyCalls.set(0);
	}

	@Test
	void storedItemIsRetriedDeletedAndRefusedThroughTheEndpoint() throws Exception {
		WorkHandle failed = this.queue.enqueue(WorkRequest.builder("flaky", "a").maxRetries(0).build());
		awaitState(failed.id(), StoredState.FAILED);
		DocumentContext retried = JsonPath
			.parse(post("/actuator/backgroundwork/" + failed.id(), "{\"action\":\"retry\"}", 200));
		assertThat(retried.read("$.result", String.class)).isEqualTo("APPLIED");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.handlers.flakyCalls.get() == 2);
		awaitState(failed.id(), StoredState.FAILED);
		DocumentContext described = JsonPath.parse(send("GET", "/actuator/backgroundwork/" + failed.id(), null, 200));
		assertThat(described.read("$.retriedAt", String.class)).isNotNull();
		WorkHandle running = this.queue.enqueue(WorkRequest.of("patient", "b"));
		awaitState(running.id(), StoredState.RUNNING);
		assertThat(JsonPath.parse(post("/actuator/backgroundwork/" + running.id(), "{\"action\":\"retry\"}", 409))
			.read("$.result", String.class)).isEqualTo("LIVE");
		assertThat(JsonPath.parse(post("/actuator/backgroundwork/" + running.id(), "{\"action\":\"delete\"}", 409))
			.read("$.result", String.class)).isEqualTo("LIVE");
		post("/actuator/backgroundwork/" + running.id(), "{\"action\":\"cancel\"}", 200);
		awaitState(running.id(), StoredState.CANCELLED);
		post("/actuator/backgroundwork/" + running.id(), "{\"action\":\"delete\"}", 200);
		assertThat(this.store.reader().findById(running.id())).isEmpty();
		post("/actuator/backgroundwork/no-such-id", "{\"action\":\"delete\"}", 404);
	}

	@Test
	void bulkActionsOnStoredItemsAnswerHowManyMatchedAndChanged() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.queue.enqueue(WorkRequest.builder("flaky", "f" + i).key("f-" + i).maxRetries(0).build());
		}
		this.queue.enqueue(WorkRequest.builder("patient", "later").delay(Duration.ofHours(1)).build());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'FAILED'",
					Integer.class) == 3);
		DocumentContext retried = JsonPath.parse(post("/actuator/backgroundwork",
				"{\"action\":\"retry\",\"state\":\"FAILED\",\"keyPrefix\":\"f-\",\"olderThan\":\"0s\"}", 200));
		assertThat(retried.read("$.matched", Integer.class)).isEqualTo(3);
		assertThat(retried.read("$.changed", Integer.class)).isEqualTo(3);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.handlers.flakyCalls.get() == 6);
		DocumentContext cancelled = JsonPath
			.parse(post("/actuator/backgroundwork", "{\"action\":\"cancel\",\"name\":\"patient\"}", 200));
		assertThat(cancelled.read("$.matched", Integer.class)).isOne();
		assertThat(cancelled.read("$.changed", Integer.class)).isOne();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM background_work WHERE state = 'FAILED'",
					Integer.class) == 3);
		DocumentContext deleted = JsonPath
			.parse(post("/actuator/backgroundwork", "{\"action\":\"delete\",\"queue\":\"backgroundWorkQueue\"}", 200));
		assertThat(deleted.read("$.matched", Integer.class)).isEqualTo(4);
		assertThat(deleted.read("$.changed", Integer.class)).isEqualTo(4);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM background_work", Integer.class)).isZero();
		assertThat(post("/actuator/backgroundwork", "{\"action\":\"retry\",\"olderThan\":\"-5m\"}", 400))
			.contains("olderThan");
	}

	private void awaitState(String id, StoredState state) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.store.reader().findById(id).map((row) -> row.state() == state).orElse(false));
	}

	private String post(String path, String body, int expectedStatus) throws Exception {
		return send("POST", path, body, expectedStatus);
	}

	private String send(String method, String path, String body, int expectedStatus) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	/**
	 * Typed work: {@code flaky} always fails, {@code patient} runs until cancelled.
	 */
	static class Handlers {

		final AtomicInteger flakyCalls = new AtomicInteger();

		@BackgroundWorkHandler("flaky")
		void flaky(String payload) {
			this.flakyCalls.incrementAndGet();
			throw new IllegalStateException("not today");
		}

		@BackgroundWorkHandler("patient")
		void patient(String payload, WorkContext context) throws InterruptedException {
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			cancelled.await();
			context.throwIfCancellationRequested();
		}

	}

}
