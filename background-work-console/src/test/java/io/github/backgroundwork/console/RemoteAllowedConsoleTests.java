package io.github.backgroundwork.console;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code background-work.console.allow-remote=true} (and the console protected some
 * other way) remote clients are served, at the path the application chose; with
 * {@code background-work.console.show-payloads=true} payloads are shown.
 */
@SpringBootTest(classes = ConsoleTestApplication.class,
		properties = { "background-work.console.enabled=true", "background-work.console.allow-remote=true",
				"background-work.console.path=/ops/work", "background-work.console.show-payloads=true" })
@AutoConfigureMockMvc
class RemoteAllowedConsoleTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Test
	void remoteClientIsServedAtTheConfiguredPath() {
		assertThat(this.mvc.get().uri("/ops/work/api/queues").with((request) -> {
			request.setRemoteAddr("192.0.2.10");
			return request;
		})).hasStatusOk();
		assertThat(this.mvc.get().uri("/ops/work/")).hasStatusOk();
		assertThat(this.mvc.get().uri("/background-work/")).hasStatus(404);
	}

	@Test
	void payloadIsShownWhenTheApplicationAllowsIt() {
		WorkHandle invoice = this.queue.enqueue(WorkRequest.of("invoice", "c-42"));
		assertThat(this.mvc.get().uri("/ops/work/api/items/{id}/payload", invoice.id())).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"payload\": \"c-42\", \"type\": \"java.lang.String\"}");
		assertThat(this.mvc.get().uri("/ops/work/api/session")).bodyJson()
			.extractingPath("$.showPayloads")
			.isEqualTo(true);
	}

}
