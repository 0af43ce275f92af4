package io.github.backgroundwork.console;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.console.ConsoleTestApplication.Handlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's page and JSON API, through MockMvc from a loopback client: what it
 * serves, that it reads through the endpoint, and that its actions reach the queue.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, properties = "background-work.console.enabled=true")
@AutoConfigureMockMvc
class ConsoleApiTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private Handlers handlers;

	@BeforeEach
	void holdReports() {
		this.handlers.reportsMayEnd = new CountDownLatch(1);
	}

	@AfterEach
	void releaseReports() {
		this.handlers.reportsMayEnd.countDown();
	}

	@Test
	void pageAndItsAssetsAreServedUnderThePathAndFetchNothingFromElsewhere() {
		assertThat(this.mvc.get().uri("/background-work")).hasStatus(HttpStatus.FOUND)
			.hasHeader("Location", "/background-work/");
		assertThat(this.mvc.get().uri("/background-work/")).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.TEXT_HTML)
			.hasHeader("Content-Security-Policy",
					"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
							+ "form-action 'self'; frame-ancestors 'none'")
			.bodyText()
			.contains("<script type=\"module\" src=\"assets/console.js\"></script>")
			.doesNotContain("http://", "https://");
		for (String asset : new String[] { "console.js", "api.js", "dom.js", "pages.js", "chart.js", "recurring.js" }) {
			assertThat(this.mvc.get().uri("/background-work/assets/" + asset)).hasStatusOk()
				.hasContentTypeCompatibleWith("text/javascript")
				.bodyText()
				.doesNotContain("https://", "import('http");
		}
		assertThat(this.mvc.get().uri("/background-work/assets/console.css")).hasStatusOk()
			.hasContentTypeCompatibleWith("text/css");
	}

	@Test
	void recurringNamesAreListedAndRunNowOrRefusedNamingTheName() {
		assertThat(this.mvc.get().uri("/background-work/api/recurring")).hasStatusOk()
			.bodyJson()
			.extractingPath("$[0].schedule")
			.isEqualTo("every PT1H");
		assertThat(this.mvc.post().uri("/background-work/api/recurring/invoice/trigger"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.message")
			.isEqualTo("name must be a recurring name that is switched on, one of [cleanup], was 'invoice'");
		assertThat(this.mvc.post().uri("/background-work/api/recurring/cleanup/explode"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		int before = this.handlers.cleanups.get();
		assertThat(this.mvc.post().uri("/background-work/api/recurring/cleanup/trigger")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.name")
			.isEqualTo("cleanup");
		await().atMost(PATIENCE).until(() -> this.handlers.cleanups.get() > before);
	}

	@Test
	void queuesAreDescribedThroughTheEndpoint() {
		assertThat(this.mvc.get().uri("/background-work/api/queues")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.queues.backgroundWorkQueue.state")
			.isEqualTo("RUNNING");
		assertThat(this.mvc.get().uri("/background-work/api/session")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"readOnly\": false, \"showPayloads\": false, \"durable\": false, "
					+ "\"queues\": [\"backgroundWorkQueue\"], \"csrf\": null}");
	}

	@Test
	void badFilterIsRefusedNamingIt() {
		assertThat(this.mvc.get().uri("/background-work/api/queues?state=STUCK")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.message")
			.asString()
			.contains("state must be one of", "'STUCK'");
		assertThat(this.mvc.get().uri("/background-work/api/queues?limit=many")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.message")
			.isEqualTo("limit must be a whole number, was 'many'");
		assertThat(this.mvc.post().uri("/background-work/api/items/x/explode")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.message")
			.asString()
			.contains("'explode'");
	}

	@Test
	void failedItemIsShownWithItsError() {
		WorkHandle invoice = this.queue.enqueue(WorkRequest.of("invoice", "c-17"));
		await().atMost(PATIENCE).until(() -> invoice.state() == WorkState.FAILED);
		assertThat(this.mvc.get().uri("/background-work/api/items/{id}", invoice.id())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.error.message")
			.isEqualTo("No invoice address for customer c-17");
		assertThat(this.mvc.get().uri("/background-work/api/items/no-such-item")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void cancelButtonEndsARunningItemCancelled() {
		WorkHandle report = this.queue.enqueue(WorkRequest.of("report", "Q3"));
		await().atMost(PATIENCE).until(() -> report.state() == WorkState.RUNNING);
		assertThat(this.mvc.post().uri("/background-work/api/items/{id}/cancel", report.id())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.result")
			.isEqualTo("APPLIED");
		await().atMost(PATIENCE).until(report::state, (state) -> state != WorkState.RUNNING);
		assertThat(report.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(this.mvc.post().uri("/background-work/api/items/{id}/cancel", report.id()))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.result")
			.isEqualTo("ENDED");
	}

	@Test
	void itemsAreFoundByTheStartOfTheirKey() {
		List<WorkHandle> invoices = List.of(
				this.queue.enqueue(WorkRequest.builder("invoice", "c-20").key("order-20-a").build()),
				this.queue.enqueue(WorkRequest.builder("invoice", "c-21").key("order-20-b").build()),
				this.queue.enqueue(WorkRequest.builder("invoice", "c-22").key("refund-20").build()));
		invoices.forEach((invoice) -> await().atMost(PATIENCE).until(() -> invoice.state() == WorkState.FAILED));
		assertThat(this.mvc.get().uri("/background-work/api/queues?key=order-20-&name=invoice")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.queues.backgroundWorkQueue.items.list[*].key")
			.asArray()
			.containsExactlyInAnyOrder("order-20-a", "order-20-b");
		MvcTestResult secondPage = this.mvc.get()
			.uri("/background-work/api/queues?key=order-20-&limit=1&offset=1")
			.exchange();
		assertThat(secondPage).bodyJson().extractingPath("$.queues.backgroundWorkQueue.items.total").isEqualTo(2);
		assertThat(secondPage).bodyJson()
			.extractingPath("$.queues.backgroundWorkQueue.items.list[*].key")
			.asArray()
			.singleElement()
			.isIn("order-20-a", "order-20-b");
	}

	@Test
	void payloadsAreNotShownByDefault() {
		WorkHandle report = this.queue.enqueue(WorkRequest.of("report", "salaries of c-23"));
		assertThat(this.mvc.get().uri("/background-work/api/items/{id}/payload", report.id()))
			.hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.message")
			.asString()
			.contains("background-work.console.show-payloads=false")
			.doesNotContain("c-23");
		assertThat(this.mvc.get().uri("/background-work/api/items/{id}", report.id())).hasStatusOk()
			.bodyText()
			.doesNotContain("c-23");
	}

	@Test
	void throughputCountsWhatEnded() {
		ThroughputHistory history = new ThroughputHistory(java.util.Map.of("q", this.queue),
				java.time.Clock.systemUTC());
		history.sample();
		WorkHandle invoice = this.queue.enqueue(WorkRequest.of("invoice", "c-18"));
		await().atMost(PATIENCE).until(() -> invoice.state() == WorkState.FAILED);
		history.sample();
		assertThat(history.points().get("q")).singleElement()
			.satisfies((point) -> assertThat(point.failed()).isGreaterThanOrEqualTo(1));
		assertThat(this.mvc.get().uri("/background-work/api/throughput")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.backgroundWorkQueue")
			.asArray();
	}

}
