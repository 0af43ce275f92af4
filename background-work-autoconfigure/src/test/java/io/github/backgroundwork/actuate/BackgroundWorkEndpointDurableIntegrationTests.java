package io.github.backgroundwork.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.StoredState;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@link BackgroundWorkEndpoint} over real HTTP with
 * {@code background-work.store=jdbc} on H2: durable items are read from the database,
 * with their owner, each once; and cancelled wherever they are.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.endpoints.web.exposure.include=backgroundwork",
				"background-work.store=jdbc", "spring.datasource.url=jdbc:h2:mem:endpoint-durable",
				"background-work.jdbc.poll-interval=100ms", "management.endpoint.backgroundwork.access=unrestricted" })
@DirtiesContext
class BackgroundWorkEndpointDurableIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private JdbcWorkStore store;

	@Autowired
	private Handlers handlers;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void block() {
		this.handlers.release = new CountDownLatch(1);
		// Each test counts the rows it made: those of earlier tests are gone, and their
		// items have ended
		await().atMost(Duration.ofSeconds(10)).until(() -> this.queue.statistics().running() == 0);
		this.jdbc.update("DELETE FROM background_work");
	}

	@AfterEach
	void release() {
		this.handlers.release.countDown();
	}

	@Test
	void listsDurableItemsFromTheDatabaseWithTheirOwnerAndFindsThemById() throws Exception {
		String done = this.queue.enqueue(WorkRequest.of("quick", "a")).id();
		awaitState(done, StoredState.SUCCEEDED);
		String running = this.queue.enqueue(WorkRequest.of("slow", "b")).id();
		awaitState(running, StoredState.RUNNING);
		String scheduled = this.queue
			.enqueue(WorkRequest.builder("quick", "c").key("later").delay(Duration.ofHours(1)).build())
			.id();

		DocumentContext json = JsonPath.parse(get("/actuator/backgroundwork", 200));
		List<Map<String, Object>> counts = json.read("$.durable.counts");
		assertThat(counts).containsExactlyInAnyOrder(count("quick", "SCHEDULED", 1), count("quick", "SUCCEEDED", 1),
				count("slow", "RUNNING", 1));
		assertThat(json.<Integer>read("$.durable.omittedNames")).isZero();
		assertThat(json.<Integer>read("$.durable.items.total")).isEqualTo(3);
		List<Map<String, Object>> items = json.read("$.durable.items.list");
		assertThat(items).extracting((item) -> item.get("id")).containsExactlyInAnyOrder(done, running, scheduled);
		Map<String, Object> runningItem = item(items, running);
		assertThat(runningItem).containsEntry("state", "RUNNING").containsEntry("attempts", 1);
		assertThat((String) runningItem.get("owner")).startsWith("bgwork-");
		Map<String, Object> scheduledItem = item(items, scheduled);
		assertThat(scheduledItem).containsEntry("state", "SCHEDULED")
			.containsEntry("key", "later")
			.containsEntry("owner", null)
			.containsKey("owner");
		assertThat(scheduledItem.get("notBefore")).isNotNull();

		DocumentContext filtered = JsonPath
			.parse(get("/actuator/backgroundwork?state=scheduled&name=quick&limit=5", 200));
		assertThat(filtered.<Integer>read("$.durable.items.total")).isOne();
		assertThat(filtered.<List<String>>read("$.durable.items.list[*].id")).containsExactly(scheduled);
		DocumentContext paged = JsonPath.parse(get("/actuator/backgroundwork?offset=1&limit=1", 200));
		assertThat(paged.<Integer>read("$.durable.items.total")).isEqualTo(3);
		assertThat(paged.<List<String>>read("$.durable.items.list[*].id")).hasSize(1);

		DocumentContext one = JsonPath.parse(get("/actuator/backgroundwork/" + scheduled, 200));
		assertThat(one.<String>read("$.state")).isEqualTo("SCHEDULED");
		assertThat(one.<Object>read("$.owner")).isNull();
		assertThat(one.<Map<String, Object>>read("$")).containsKey("owner");
		DocumentContext runningOne = JsonPath.parse(get("/actuator/backgroundwork/" + running, 200));
		assertThat(runningOne.<String>read("$.owner")).isEqualTo(runningItem.get("owner"));
		get("/actuator/backgroundwork/no-such-item", 404);
	}

	@Test
	void storedItemRunningHereIsListedOnceInTheDurableSectionAndMemoryItemsInTheQueue() throws Exception {
		String stored = this.queue.enqueue(WorkRequest.of("slow", "d")).id();
		awaitState(stored, StoredState.RUNNING);
		CountDownLatch memoryRelease = new CountDownLatch(1);
		String memory = this.queue.enqueue("in-memory", (context) -> memoryRelease.await()).id();
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.queue.find(memory).map((item) -> item.state().name()).orElse(""), "RUNNING"::equals);

			DocumentContext json = JsonPath.parse(get("/actuator/backgroundwork", 200));
			assertThat(json.<List<String>>read("$.queues.*.items.list[*].id")).containsExactly(memory);
			assertThat(json.<Integer>read("$.queues.backgroundWorkQueue.items.total")).isOne();
			assertThat(json.<List<String>>read("$.queues.backgroundWorkQueue.names.shown[*].name"))
				.containsExactly("in-memory");
			assertThat(json.<List<String>>read("$.durable.items.list[*].id")).containsOnlyOnce(stored)
				.doesNotContain(memory);
			assertThat(json.<List<String>>read("$.durable.items.list[?(@.id == '" + stored + "')].owner"))
				.singleElement()
				.asString()
				.startsWith("bgwork-");
			// The counters are this instance's load: the stored item takes one of its
			// workers
			await().atMost(Duration.ofSeconds(10)).until(() -> this.queue.statistics().running() == 2);
			json = JsonPath.parse(get("/actuator/backgroundwork", 200));
			assertThat(json.<Integer>read("$.queues.backgroundWorkQueue.running")).isEqualTo(2);
			DocumentContext running = JsonPath.parse(get("/actuator/backgroundwork?state=running", 200));
			assertThat(running.<List<String>>read("$.queues.*.items.list[*].id")).containsExactly(memory);
			assertThat(running.<List<String>>read("$.durable.items.list[*].id")).containsExactly(stored);
			assertThat(this.queue.find(stored)).hasValueSatisfying((item) -> assertThat(item.id()).isEqualTo(stored));
		}
		finally {
			memoryRelease.countDown();
		}
	}

	@Test
	void deleteCancelsAStoredItemWhereverItIs() throws Exception {
		String scheduled = this.queue.enqueue(WorkRequest.builder("quick", "e").delay(Duration.ofHours(1)).build())
			.id();
		DocumentContext waiting = JsonPath.parse(send("DELETE", "/actuator/backgroundwork/" + scheduled, 200));
		assertThat(waiting.<Boolean>read("$.cancellable")).isTrue();
		assertThat(waiting.<String>read("$.state")).isEqualTo("CANCELLED");

		String runningHere = this.queue.enqueue(WorkRequest.of("patient", "f")).id();
		awaitState(runningHere, StoredState.RUNNING);
		DocumentContext here = JsonPath.parse(send("DELETE", "/actuator/backgroundwork/" + runningHere, 200));
		assertThat(here.<Boolean>read("$.cancellable")).isTrue();
		// The answer gives the state after the request: the handler may already have
		// returned on its cancellation
		assertThat(here.<String>read("$.state")).isIn("RUNNING", "CANCELLED");
		awaitState(runningHere, StoredState.CANCELLED);

		// A row another instance runs, as its claim left it
		this.jdbc.update("INSERT INTO background_work (id, name, payload, payload_type, state, attempts, max_retries, "
				+ "not_before, owner, lease_until, enqueued_at, started_at) VALUES ('elsewhere-1', 'quick', '\"g\"', "
				+ "'java.lang.String', 'RUNNING', 1, 0, CURRENT_TIMESTAMP, 'bgwork-other', "
				+ "DATEADD(MINUTE, 5, CURRENT_TIMESTAMP), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
		DocumentContext elsewhere = JsonPath.parse(send("DELETE", "/actuator/backgroundwork/elsewhere-1", 200));
		assertThat(elsewhere.<Boolean>read("$.cancellable")).isTrue();
		assertThat(elsewhere.<String>read("$.state")).isEqualTo("RUNNING");
		assertThat(this.jdbc.queryForObject("SELECT cancel_requested FROM background_work WHERE id = 'elsewhere-1'",
				Boolean.class))
			.isTrue();

		DocumentContext ended = JsonPath.parse(send("DELETE", "/actuator/backgroundwork/" + scheduled, 200));
		assertThat(ended.<Boolean>read("$.cancellable")).isFalse();
		assertThat(ended.<String>read("$.state")).isEqualTo("CANCELLED");
		send("DELETE", "/actuator/backgroundwork/no-such-item", 404);
	}

	@Test
	void durableItemsHonourTheLimitsAndRejectBadParameters() throws Exception {
		get("/actuator/backgroundwork?state=LOST", 400);
		DocumentContext json = JsonPath.parse(get("/actuator/backgroundwork?limit=100000&state=abandoned", 200));
		assertThat(json.<Integer>read("$.durable.items.limit")).isEqualTo(BackgroundWorkEndpoint.MAX_LIMIT);
		assertThat(json.<List<Object>>read("$.durable.items.list")).isEmpty();
	}

	private static Map<String, Object> count(String name, String state, int count) {
		return Map.of("name", name, "state", state, "count", count);
	}

	private static Map<String, Object> item(List<Map<String, Object>> items, String id) {
		return items.stream().filter((item) -> id.equals(item.get("id"))).findFirst().orElseThrow();
	}

	@Test
	void blankOrMalformedIdsAnswer404NeverA500() throws Exception {
		List<String> ids = List.of("%20", "%20%20", "a".repeat(65), "x".repeat(2000), "..", "%2E%2E", "%C3%A9t%C3%A9",
				"%E2%9C%93%F0%9F%98%80", "'%20OR%201=1--", "%25");
		for (String id : ids) {
			get("/actuator/backgroundwork/" + id, 404);
			send("DELETE", "/actuator/backgroundwork/" + id, 404);
		}
		// Control characters: Tomcat refuses them before the endpoint sees them
		for (String id : List.of("a%00b", "%0A")) {
			assertThat(status("GET", "/actuator/backgroundwork/" + id)).isIn(400, 404);
			assertThat(status("DELETE", "/actuator/backgroundwork/" + id)).isIn(400, 404);
		}
	}

	private int status(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private void awaitState(String id, StoredState state) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.store.reader().findById(id).map((row) -> row.state() == state).orElse(false));
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
	 * Typed work: {@code quick} returns, {@code slow} waits for the test.
	 */
	static class Handlers {

		volatile CountDownLatch release = new CountDownLatch(1);

		@BackgroundWorkHandler("quick")
		void quick(String payload) {
		}

		@BackgroundWorkHandler("patient")
		void patient(String payload, WorkContext context) throws InterruptedException {
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			cancelled.await();
			context.throwIfCancellationRequested();
		}

		@BackgroundWorkHandler("slow")
		void slow(String payload) throws InterruptedException {
			this.release.await();
		}

	}

}
