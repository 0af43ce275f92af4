package io.github.backgroundwork.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link BackgroundWorkEndpoint}'s actions over real HTTP on work kept in memory:
 * {@code POST /actuator/backgroundwork/{id}} and {@code POST /actuator/backgroundwork},
 * with their statuses and refusals.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.endpoints.web.exposure.include=backgroundwork",
				"background-work.concurrency=4", "background-work.retry.max-retries=1",
				"background-work.retry.delay=10ms", "management.endpoint.backgroundwork.access=unrestricted" })
@DirtiesContext
class BackgroundWorkEndpointActionsIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private Handlers handlers;

	@LocalServerPort
	private int port;

	@BeforeEach
	void reset() {
		this.handlers.healed = false;
		this.handlers.release = new CountDownLatch(1);
		this.queue.deleteAll(io.github.backgroundwork.WorkFilter.all());
	}

	@AfterEach
	void release() {
		this.handlers.release.countDown();
	}

	@Test
	void retryRunsAFailedItemAgainUnderItsIdAndItsHistorySaysWhen() throws Exception {
		WorkHandle item = this.queue.enqueue(WorkRequest.of("flaky", "a"));
		awaitState(item.id(), WorkState.FAILED);
		int calls = this.handlers.calls.get();
		this.handlers.healed = true;
		DocumentContext outcome = JsonPath
			.parse(post("/actuator/backgroundwork/" + item.id(), "{\"action\":\"retry\"}", 200));
		assertThat(outcome.read("$.id", String.class)).isEqualTo(item.id());
		assertThat(outcome.read("$.action", String.class)).isEqualTo("retry");
		assertThat(outcome.read("$.result", String.class)).isEqualTo("APPLIED");
		awaitState(item.id(), WorkState.SUCCEEDED);
		assertThat(this.handlers.calls.get()).isEqualTo(calls + 1);
		DocumentContext described = JsonPath.parse(send("GET", "/actuator/backgroundwork/" + item.id(), null, 200));
		assertThat(described.read("$.retriedAt", String.class)).isNotNull();
		assertThat(described.read("$.attempts", Integer.class)).isOne();
	}

	@Test
	void retryIsRefusedForALambdaALiveItemAndAnUnknownId() throws Exception {
		WorkHandle lambda = this.queue.enqueue("lambda", (context) -> {
			throw new IllegalStateException("boom");
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> lambda.state() == WorkState.FAILED);
		DocumentContext refused = JsonPath
			.parse(post("/actuator/backgroundwork/" + lambda.id(), "{\"action\":\"retry\"}", 409));
		assertThat(refused.read("$.result", String.class)).isEqualTo("NOT_RERUNNABLE");
		assertThat(refused.read("$.message", String.class)).contains("lambda");
		WorkHandle live = this.queue.enqueue(WorkRequest.of("blocked", "b"));
		await().atMost(Duration.ofSeconds(10)).until(() -> live.state() == WorkState.RUNNING);
		assertThat(JsonPath.parse(post("/actuator/backgroundwork/" + live.id(), "{\"action\":\"retry\"}", 409))
			.read("$.result", String.class)).isEqualTo("LIVE");
		assertThat(JsonPath.parse(post("/actuator/backgroundwork/" + live.id(), "{\"action\":\"delete\"}", 409))
			.read("$.result", String.class)).isEqualTo("LIVE");
		post("/actuator/backgroundwork/no-such-id", "{\"action\":\"retry\"}", 404);
		// Cancel through the action, then again: it has ended
		post("/actuator/backgroundwork/" + live.id(), "{\"action\":\"cancel\"}", 200);
		await().atMost(Duration.ofSeconds(10)).until(() -> live.state() == WorkState.CANCELLED);
		assertThat(JsonPath.parse(post("/actuator/backgroundwork/" + live.id(), "{\"action\":\"cancel\"}", 409))
			.read("$.result", String.class)).isEqualTo("ENDED");
		// Delete: it leaves the history at once
		post("/actuator/backgroundwork/" + live.id(), "{\"action\":\"delete\"}", 200);
		send("GET", "/actuator/backgroundwork/" + live.id(), null, 404);
	}

	@Test
	void badActionsAndFiltersAreRefusedNamingTheField() throws Exception {
		assertThat(post("/actuator/backgroundwork/x-1", "{\"action\":\"explode\"}", 400)).contains("action");
		assertThat(post("/actuator/backgroundwork/x-1", "{\"action\":\"pause\"}", 400)).contains("action");
		assertThat(post("/actuator/backgroundwork", "{}", 400)).contains("action");
		assertThat(post("/actuator/backgroundwork", "{\"action\":\"retry\",\"state\":\"BROKEN\"}", 400))
			.contains("state");
		assertThat(post("/actuator/backgroundwork", "{\"action\":\"delete\",\"olderThan\":\"yesterday\"}", 400))
			.contains("olderThan");
		assertThat(post("/actuator/backgroundwork", "{\"action\":\"cancel\",\"queue\":\"nope\"}", 400))
			.contains("queue");
		assertThat(post("/actuator/backgroundwork", "{\"action\":\"pause\",\"state\":\"FAILED\"}", 400))
			.contains("state");
	}

	@Test
	void bulkActionsAnswerHowManyMatchedAndChanged() throws Exception {
		List<WorkHandle> failed = List.of("a-1", "a-2", "b-1")
			.stream()
			.map((key) -> this.queue.enqueue(WorkRequest.builder("flaky", key).key(key).build()))
			.toList();
		failed.forEach((item) -> awaitState(item.id(), WorkState.FAILED));
		this.handlers.healed = true;
		DocumentContext retried = JsonPath.parse(post("/actuator/backgroundwork",
				"{\"action\":\"retry\",\"queue\":\"backgroundWorkQueue\",\"state\":\"failed\",\"name\":\"flaky\","
						+ "\"keyPrefix\":\"a-\",\"olderThan\":\"PT0S\"}",
				200));
		assertThat(retried.read("$.matched", Integer.class)).isEqualTo(2);
		assertThat(retried.read("$.changed", Integer.class)).isEqualTo(2);
		awaitState(failed.get(0).id(), WorkState.SUCCEEDED);
		awaitState(failed.get(1).id(), WorkState.SUCCEEDED);
		assertThat(this.queue.find(failed.get(2).id()).orElseThrow().state()).isEqualTo(WorkState.FAILED);
		// Nothing ended more than an hour ago
		DocumentContext none = JsonPath
			.parse(post("/actuator/backgroundwork", "{\"action\":\"delete\",\"olderThan\":\"1h\"}", 200));
		assertThat(none.read("$.matched", Integer.class)).isZero();
		DocumentContext deleted = JsonPath.parse(post("/actuator/backgroundwork",
				"{\"action\":\"delete\",\"state\":\"SUCCEEDED\",\"olderThan\":\"2999-01-01T00:00:00Z\"}", 200));
		assertThat(deleted.read("$.matched", Integer.class)).isEqualTo(2);
		assertThat(deleted.read("$.changed", Integer.class)).isEqualTo(2);
		send("GET", "/actuator/backgroundwork/" + failed.get(0).id(), null, 404);
		WorkHandle blocked = this.queue.enqueue(WorkRequest.of("blocked", "c"));
		DocumentContext cancelled = JsonPath
			.parse(post("/actuator/backgroundwork", "{\"action\":\"cancel\",\"name\":\"blocked\"}", 200));
		assertThat(cancelled.read("$.matched", Integer.class)).isOne();
		assertThat(cancelled.read("$.changed", Integer.class)).isOne();
		await().atMost(Duration.ofSeconds(10)).until(() -> blocked.state() == WorkState.CANCELLED);
	}

	private void awaitState(String id, WorkState state) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.queue.find(id).map(WorkHandle::state).orElse(null) == state);
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
	 * Typed work: {@code flaky} fails until healed, {@code blocked} runs until cancelled.
	 */
	static class Handlers {

		final AtomicInteger calls = new AtomicInteger();

		volatile boolean healed;

		volatile CountDownLatch release = new CountDownLatch(1);

		@BackgroundWorkHandler("flaky")
		void flaky(String payload) {
			this.calls.incrementAndGet();
			if (!this.healed) {
				throw new IllegalStateException("not yet");
			}
		}

		@BackgroundWorkHandler("blocked")
		void blocked(String payload, WorkContext context) throws InterruptedException {
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			while (this.release.getCount() > 0 && cancelled.getCount() > 0) {
				cancelled.await(10, TimeUnit.MILLISECONDS);
			}
			context.throwIfCancellationRequested();
		}

	}

}
