package io.github.backgroundwork.console;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code background-work.console.allow-remote=true} (and the console protected some
 * other way) remote clients are served, at the path the application chose.
 */
@SpringBootTest(classes = ConsoleTestApplication.class,
		properties = { "background-work.console.enabled=true", "background-work.console.allow-remote=true",
				"background-work.console.path=/ops/work" })
@AutoConfigureMockMvc
class RemoteAllowedConsoleTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void remoteClientIsServedAtTheConfiguredPath() {
		assertThat(this.mvc.get().uri("/ops/work/api/queues").with((request) -> {
			request.setRemoteAddr("192.0.2.10");
			return request;
		})).hasStatusOk();
		assertThat(this.mvc.get().uri("/ops/work/")).hasStatusOk();
		assertThat(this.mvc.get().uri("/background-work/")).hasStatus(404);
	}

}
