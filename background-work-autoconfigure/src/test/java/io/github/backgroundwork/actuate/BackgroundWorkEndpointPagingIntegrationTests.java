package io.github.backgroundwork.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code GET /actuator/backgroundwork} answers in bounded size with a deep
 * queue, and pages through it.
 */
// Spring Boot's logging system is global: applications must not start it in parallel
@ResourceLock("spring-boot-logging-system")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.endpoints.web.exposure.include=backgroundwork",
				"background-work.concurrency=1", "background-work.queue.capacity=10000" })
@DirtiesContext
class BackgroundWorkEndpointPagingIntegrationTests {

	private static final String QUEUE = "$.queues.backgroundWorkQueue";

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
	void tenThousandQueuedItemsAnswerInBoundedSizeAndPageByStateAndName() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle blocker = this.queue.enqueue("blocker", (context) -> {
			started.countDown();
			this.release.await(30, TimeUnit.SECONDS);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		List<WorkHandle> queued = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			queued.add(this.queue.enqueue("name-" + (i % 50), (context) -> {
			}));
		}

		String body = get("/actuator/backgroundwork", 200);
		assertThat(body.length()).as("bytes of the summary of 10,001 items").isLessThan(12_000);
		DocumentContext json = JsonPath.parse(body);
		assertThat(json.read(QUEUE + ".queued", Integer.class)).isEqualTo(10_000);
		assertThat(json.read(QUEUE + ".items.total", Integer.class)).isEqualTo(10_001);
		List<String> ids = json.read(QUEUE + ".items.list[*].id");
		assertThat(ids).as("oldest first")
			.hasSize(BackgroundWorkEndpoint.DEFAULT_LIMIT)
			.startsWith(blocker.id(), queued.get(0).id(), queued.get(1).id());
		List<String> shownNames = json.read(QUEUE + ".names.shown[*].name");
		assertThat(shownNames).hasSize(BackgroundWorkEndpoint.MAX_NAMES);
		assertThat(json.read(QUEUE + ".names.omitted", Integer.class)).isEqualTo(51 - 20);
		assertThat(json.read(QUEUE + ".names.shown[0].queued", Integer.class)).isEqualTo(200);

		DocumentContext page = JsonPath.parse(get("/actuator/backgroundwork?state=queued&offset=5000&limit=3", 200));
		assertThat(page.read(QUEUE + ".items.total", Integer.class)).isEqualTo(10_000);
		assertThat(page.read(QUEUE + ".items.offset", Integer.class)).isEqualTo(5_000);
		List<String> pageIds = page.read(QUEUE + ".items.list[*].id");
		assertThat(pageIds).containsExactly(queued.get(5000).id(), queued.get(5001).id(), queued.get(5002).id());

		String bigPage = get("/actuator/backgroundwork?name=name-7&limit=100000", 200);
		DocumentContext byName = JsonPath.parse(bigPage);
		assertThat(byName.read(QUEUE + ".items.limit", Integer.class)).as("capped")
			.isEqualTo(BackgroundWorkEndpoint.MAX_LIMIT);
		assertThat(byName.read(QUEUE + ".items.total", Integer.class)).isEqualTo(200);
		List<String> names = byName.read(QUEUE + ".items.list[*].name");
		assertThat(names).hasSize(BackgroundWorkEndpoint.MAX_LIMIT).containsOnly("name-7");
		assertThat(bigPage.length()).isLessThan(50_000);

		List<String> running = JsonPath.parse(get("/actuator/backgroundwork?state=RUNNING", 200))
			.read(QUEUE + ".items.list[*].id");
		assertThat(running).containsExactly(blocker.id());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			state=sleeping  | state must be one of [QUEUED, SCHEDULED, RUNNING
			offset=-1       | offset must not be negative, was -1
			offset=many     | offset must be a whole number, was 'many'
			limit=-5        | limit must not be negative, was -5
			queue=mailQueue | queue must be one of [backgroundWorkQueue], was 'mailQueue'
			""")
	void badParameterAnswers400NamingIt(String query, String message) throws Exception {
		DocumentContext json = JsonPath.parse(get("/actuator/backgroundwork?" + query, 400));
		assertThat(json.read("$.status", Integer.class)).isEqualTo(400);
		assertThat(json.read("$.message", String.class)).startsWith(message);
	}

	private String get(String path, int expectedStatus) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(expectedStatus);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
