package io.github.backgroundwork.console;

import java.time.Duration;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.console.ConsoleTestApplication.Handlers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code background-work.console.read-only=true} the console shows everything and
 * changes nothing: every action is refused, and the work goes on untouched.
 */
@SpringBootTest(classes = ConsoleTestApplication.class,
		properties = { "background-work.console.enabled=true", "background-work.console.read-only=true" })
@AutoConfigureMockMvc
class ReadOnlyConsoleTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private Handlers handlers;

	@Test
	void everyActionIsRefusedAndChangesNothing() {
		WorkHandle report = this.queue.enqueue(WorkRequest.of("report", "read-only"));
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> report.state() == WorkState.RUNNING);
			String[] actions = { "/items/" + report.id() + "/cancel", "/items/" + report.id() + "/retry",
					"/items/" + report.id() + "/delete", "/bulk/cancel", "/bulk/delete?state=FAILED",
					"/queues/backgroundWorkQueue/pause", "/queues/backgroundWorkQueue/names/report/pause",
					"/recurring/cleanup/trigger", "/recurring/cleanup/pause" };
			for (String action : actions) {
				assertThat(this.mvc.post().uri("/background-work/api" + action)).as(action)
					.hasStatus(HttpStatus.FORBIDDEN)
					.bodyJson()
					.extractingPath("$.message")
					.asString()
					.contains("read-only");
			}
			assertThat(report.state()).isEqualTo(WorkState.RUNNING);
			assertThat(this.queue.items(new WorkQuery(null, "cleanup", 0, 100)).items()).as("no run triggered")
				.noneMatch((item) -> String.valueOf(item.key()).startsWith("cleanup@trigger"));
			assertThat(this.queue.paused().isPaused("cleanup")).isFalse();
		}
		finally {
			this.handlers.reportsMayEnd.countDown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> report.state() == WorkState.SUCCEEDED);
	}

	@Test
	void pageIsToldItIsReadOnly() {
		assertThat(this.mvc.get().uri("/background-work/api/session")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.readOnly")
			.isEqualTo(true);
		assertThat(this.mvc.get().uri("/background-work/api/queues")).hasStatusOk();
		assertThat(this.mvc.get().uri("/background-work/api/recurring")).hasStatusOk()
			.bodyJson()
			.extractingPath("$[0].name")
			.isEqualTo("cleanup");
	}

}
