package io.github.backgroundwork.demo.web;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.demo.DemoMockMvcTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /work}, {@code GET /work/{id}} and {@code DELETE /work/{id}}: the demo's own
 * view of its queue, where accepted work's {@code Location} points.
 */
@DemoMockMvcTest
class WorkEndpointTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void releaseBlockedWork() {
		this.release.countDown();
	}

	@Test
	void locationOfAcceptedWorkShowsTheItemToItsEnd() throws Exception {
		MvcTestResult accepted = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Spring sale\", \"message\": \"20% off\"}")
			.exchange();
		String id = JsonPath.read(accepted.getResponse().getContentAsString(), "$.id");
		String location = accepted.getResponse().getHeader(HttpHeaders.LOCATION);
		assertThat(location).isEqualTo("/work/" + id);
		awaitEnd(this.queue.find(id).orElseThrow());

		MvcTestResult item = this.mvc.get().uri(location).exchange();
		assertThat(item).hasStatusOk();
		assertThat(item).bodyJson().extractingPath("$.id").isEqualTo(id);
		assertThat(item).bodyJson().extractingPath("$.name").isEqualTo("customer-mail");
		assertThat(item).bodyJson().extractingPath("$.state").isEqualTo("SUCCEEDED");
	}

	@Test
	void deleteCancelsARunningItemWhichEndsCancelled() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle running = this.queue.enqueue("until-cancelled", (context) -> {
			CountDownLatch cancelled = new CountDownLatch(1);
			context.onCancellation(cancelled::countDown);
			started.countDown();
			cancelled.await();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		MvcTestResult cancel = this.mvc.delete().uri("/work/{id}", running.id()).exchange();
		assertThat(cancel).hasStatus(HttpStatus.ACCEPTED).bodyJson().extractingPath("$.id").isEqualTo(running.id());
		awaitEnd(running);
		assertThat(running.state()).isEqualTo(WorkState.CANCELLED);
		assertThat(this.mvc.get().uri("/work/{id}", running.id())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.state")
			.isEqualTo("CANCELLED");
	}

	@Test
	void deleteOfAnItemThatEndedIsAConflictNamingItsState() throws Exception {
		WorkHandle done = this.queue.enqueue("quick", (context) -> {
		});
		awaitEnd(done);
		assertThat(this.mvc.delete().uri("/work/{id}", done.id())).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("'" + done.id() + "' (quick) has already ended SUCCEEDED");
	}

	@Test
	void unknownItemIsNotFoundNamingTheId() {
		for (MvcTestResult result : List.of(this.mvc.get().uri("/work/no-such-item").exchange(),
				this.mvc.delete().uri("/work/no-such-item").exchange())) {
			assertThat(result).hasStatus(HttpStatus.NOT_FOUND)
				.bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("No background work item 'no-such-item'");
		}
	}

	@Test
	void overviewShowsTheQueueWithItemsInFlightAndRecent() throws Exception {
		WorkHandle done = this.queue.enqueue("quick", (context) -> {
		});
		awaitEnd(done);
		CountDownLatch started = new CountDownLatch(1);
		WorkHandle running = this.queue.enqueue("blocked", (context) -> {
			started.countDown();
			this.release.await();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		MvcTestResult overview = this.mvc.get().uri("/work").exchange();
		assertThat(overview).hasStatusOk();
		assertThat(overview).bodyJson().extractingPath("$.queues.backgroundWorkQueue.state").isEqualTo("RUNNING");
		assertThat(overview).bodyJson().extractingPath("$.queues.pictureQueue.concurrency").isEqualTo(2);
		String body = overview.getResponse().getContentAsString();
		List<String> inFlight = JsonPath.read(body, "$.inFlight[*].id");
		List<String> recent = JsonPath.read(body, "$.recent[*].id");
		assertThat(inFlight).contains(running.id()).doesNotContain(done.id());
		assertThat(recent).contains(done.id()).doesNotContain(running.id());
		assertThat(JsonPath.<Integer>read(body, "$.inFlightTotal")).isGreaterThanOrEqualTo(1);
	}

	private static void awaitEnd(WorkHandle work) throws Exception {
		work.completion().toCompletableFuture().handle((result, ex) -> null).get(10, TimeUnit.SECONDS);
	}

}
