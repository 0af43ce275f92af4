package io.github.backgroundwork.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.WorkTotals;
import io.micrometer.core.instrument.MeterRegistry;
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
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@link BackgroundWorkEndpoint} over real HTTP.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.endpoints.web.exposure.include=backgroundwork",
				"background-work.concurrency=2", "background-work.queue.capacity=5",
				"management.endpoint.backgroundwork.access=unrestricted" })
@DirtiesContext
class BackgroundWorkEndpointWebIntegrationTests {

	private static final String ISO_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

	private final HttpClient http = HttpClient.newHttpClient();

	private final CountDownLatch release = new CountDownLatch(1);

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private MeterRegistry meterRegistry;

	@LocalServerPort
	private int port;

	@AfterEach
	void releaseWork() {
		this.release.countDown();
	}

	@Test
	void describesStateCountersInFlightAndRecentItems() throws Exception {
		WorkTotals before = this.queue.statistics().totals();
		finish(this.queue.enqueue("ok", (context) -> {
		}));
		finish(this.queue.enqueue("invoice", (context) -> {
			throw new IllegalStateException("printer on fire");
		}));
		CountDownLatch started = new CountDownLatch(2);
		WorkHandle report = this.queue.enqueue("report", (context) -> {
			context.reportProgress(3, 10);
			started.countDown();
			this.release.await(10, TimeUnit.SECONDS);
		});
		WorkHandle mail = this.queue.enqueue("mail", (context) -> {
			started.countDown();
			this.release.await(10, TimeUnit.SECONDS);
		});
		WorkHandle waiting = this.queue.enqueue("thumbnail", (context) -> {
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		DocumentContext json = JsonPath.parse(get("/actuator/backgroundwork", 200));
		Map<String, Object> queues = json.read("$.queues");
		assertThat(queues).containsOnlyKeys("backgroundWorkQueue");
		DocumentContext queue = JsonPath.parse(queues.get("backgroundWorkQueue"));
		assertThat(queue.read("$.state", String.class)).isEqualTo("RUNNING");
		assertThat(queue.read("$.concurrency", Integer.class)).isEqualTo(2);
		assertThat(queue.read("$.capacity", Integer.class)).isEqualTo(5);
		assertThat(queue.read("$.queued", Integer.class)).isEqualTo(1);
		assertThat(queue.read("$.running", Integer.class)).isEqualTo(2);
		Map<String, Object> totals = queue.read("$.totals");
		assertThat(totals).containsOnlyKeys("accepted", "succeeded", "failed", "cancelled", "rejected", "abandoned")
			.containsEntry("accepted", (int) before.accepted() + 5)
			.containsEntry("succeeded", (int) before.succeeded() + 1)
			.containsEntry("failed", (int) before.failed() + 1)
			.containsEntry("cancelled", (int) before.cancelled());
		List<String> names = queue.read("$.names.shown[*].name");
		assertThat(names).as("most items first, then by name").startsWith("mail", "report", "thumbnail", "invoice");
		Map<String, Object> thumbnail = queue.read("$.names.shown[2]");
		assertThat(thumbnail).containsEntry("queued", 1).containsEntry("running", 0);
		assertThat(queue.read("$.names.omitted", Integer.class)).isZero();
		assertThat(queue.read("$.items.offset", Integer.class)).isZero();
		assertThat(queue.read("$.items.limit", Integer.class)).isEqualTo(BackgroundWorkEndpoint.DEFAULT_LIMIT);
		List<String> ids = queue.read("$.items.list[*].id");
		assertThat(ids).as("in flight oldest first, then the finished ones most recent first")
			.startsWith(report.id(), mail.id(), waiting.id());
		Map<String, Object> running = queue.read("$.items.list[0]");
		assertThat(running).containsEntry("name", "report")
			.containsEntry("state", "RUNNING")
			.containsEntry("progress", Map.of("done", 3, "total", 10));
		assertThat((String) running.get("enqueuedAt")).matches(ISO_INSTANT);
		assertThat((String) running.get("startedAt")).matches(ISO_INSTANT);
		Map<String, Object> queued = queue.read("$.items.list[2]");
		assertThat(queued).containsEntry("state", "QUEUED")
			.containsEntry("startedAt", null)
			.containsEntry("progress", null);
		Map<String, Object> failed = queue.read("$.items.list[3]");
		assertThat(failed).containsEntry("name", "invoice")
			.containsEntry("state", "FAILED")
			.containsEntry("error", Map.of("type", "java.lang.IllegalStateException", "message", "printer on fire"));
		assertThat((String) failed.get("finishedAt")).matches(ISO_INSTANT);
		assertThat(failed.get("duration")).isNotNull();
		// A page leaves the stack trace and the attempts to a lookup of the item
		assertThat(failed).containsEntry("stackTrace", null).containsEntry("history", List.of());
		assertThat(json.jsonString()).doesNotContain("at io.github");
		assertThat(queue.read("$.items.list[4].name", String.class)).isEqualTo("ok");
	}

	@Test
	void describesOneItemAndAnswers404ForAnUnknownOne() throws Exception {
		WorkHandle item = finish(this.queue.enqueue("lookup", (context) -> context.reportProgress(1, 1)));
		DocumentContext json = JsonPath.parse(get("/actuator/backgroundwork/" + item.id(), 200));
		assertThat(json.read("$.id", String.class)).isEqualTo(item.id());
		assertThat(json.read("$.name", String.class)).isEqualTo("lookup");
		assertThat(json.read("$.state", String.class)).isEqualTo("SUCCEEDED");
		assertThat(json.read("$.error", Object.class)).isNull();
		get("/actuator/backgroundwork/999999", 404);
		get("/actuator/backgroundwork/not-an-id", 404);
		// In a full application the item was also counted and observed
		assertThat(this.meterRegistry.get("background.work.completed")
			.tags("queue", "backgroundWorkQueue", "name", "lookup", "outcome", "success")
			.counter()
			.count()).isEqualTo(1);
		// The observation stops just after the item completes
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.meterRegistry.get("background.work.execution")
				.tags("background.work.name", "lookup")
				.timer()
				.count()).isEqualTo(1));
	}

	@Test
	void lookupShowsTheFailuresStackTraceAndEveryAttempt() throws Exception {
		WorkHandle item = finish(this.queue.enqueue("invoice", (context) -> {
			throw new IllegalStateException("printer on fire", new java.io.IOException("out of paper"));
		}));
		DocumentContext json = JsonPath.parse(get("/actuator/backgroundwork/" + item.id(), 200));
		assertThat(json.read("$.error.type", String.class)).isEqualTo("java.lang.IllegalStateException");
		assertThat(json.read("$.error.message", String.class)).isEqualTo("printer on fire");
		assertThat(json.read("$.stackTrace", String.class))
			.startsWith("java.lang.IllegalStateException: printer on fire")
			.contains("Caused by: java.io.IOException: out of paper");
		assertThat(json.read("$.history.length()", Integer.class)).isOne();
		assertThat(json.read("$.history[0].outcome", String.class)).isEqualTo("FAILED");
		assertThat(json.read("$.history[0].error.message", String.class)).isEqualTo("printer on fire");
		assertThat(json.read("$.history[0].duration", String.class)).startsWith("PT");
	}

	@Test
	void deleteCancelsARunningItemThatThenEndsCancelled() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle item = this.queue.enqueue("export", (context) -> {
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			started.countDown();
			cancelled.await(10, TimeUnit.SECONDS);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		DocumentContext json = JsonPath.parse(send("DELETE", "/actuator/backgroundwork/" + item.id(), 200));
		assertThat(json.read("$.id", String.class)).isEqualTo(item.id());
		assertThat(json.read("$.cancellable", Boolean.class)).isTrue();
		finish(item);
		assertThat(item.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(JsonPath.parse(get("/actuator/backgroundwork/" + item.id(), 200)).read("$.state", String.class))
			.isEqualTo("CANCELLED");
		DocumentContext again = JsonPath.parse(send("DELETE", "/actuator/backgroundwork/" + item.id(), 200));
		assertThat(again.read("$.cancellable", Boolean.class)).isFalse();
		send("DELETE", "/actuator/backgroundwork/999999", 404);
	}

	/**
	 * Wait for the item's completion, which comes after the queue has counted its end.
	 */
	private static WorkHandle finish(WorkHandle item) throws Exception {
		item.completion().toCompletableFuture().exceptionally((ex) -> null).get(5, TimeUnit.SECONDS);
		return item;
	}

	private String get(String path, int expectedStatus) throws Exception {
		return send("GET", path, expectedStatus);
	}

	private String send(String method, String path, int expectedStatus) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(5))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(expectedStatus);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
