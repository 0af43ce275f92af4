package io.github.backgroundwork.demo.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With one worker busy and many items waiting, {@code GET /work} stays bounded and
 * {@code DELETE /work/{id}} of a waiting item ends it at once, before it ever runs.
 */
@SpringBootTest(properties = { "background-work.concurrency=1", "demo.customers.count=3" })
@AutoConfigureMockMvc
class WorkOverviewTests {

	private static final int WAITING = 50;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Test
	void overviewIsBoundedAndAWaitingItemIsCancelledBeforeItRuns() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WorkHandle running = this.queue.enqueue("blocker", (context) -> {
			started.countDown();
			release.await();
		});
		List<WorkHandle> waiting = new ArrayList<>();
		try {
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < WAITING; i++) {
				waiting.add(this.queue.enqueue("waiting", (context) -> {
				}));
			}

			MvcTestResult overview = this.mvc.get().uri("/work").exchange();
			String body = overview.getResponse().getContentAsString();
			assertThat(JsonPath.<Integer>read(body, "$.inFlightTotal")).isEqualTo(WAITING + 1);
			List<String> shown = JsonPath.read(body, "$.inFlight[*].id");
			assertThat(shown).hasSize(WorkController.SHOWN).startsWith(running.id(), waiting.get(0).id());

			WorkHandle last = waiting.get(WAITING - 1);
			assertThat(this.mvc.delete().uri("/work/{id}", last.id())).hasStatus(HttpStatus.ACCEPTED)
				.bodyJson()
				.extractingPath("$.state")
				.isEqualTo("CANCELLED");
			assertThat(last.snapshot().startedAt()).as("started").isNull();
		}
		finally {
			release.countDown();
		}
		running.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(waiting.get(WAITING - 1).state()).isEqualTo(WorkState.CANCELLED);
	}

}
