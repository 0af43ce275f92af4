package io.github.backgroundwork.demo;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo enables the console and links it from its page.
 */
@DemoMockMvcTest
class DemoConsoleTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void pageLinksTheConsoleWhichShowsBothQueues() {
		assertThat(this.mvc.get().uri("/index.html")).hasStatusOk()
			.bodyText()
			.contains("<a href=\"background-work/\" id=\"console-link\">console</a>");
		assertThat(this.mvc.get().uri("/background-work/")).hasStatusOk();
		assertThat(this.mvc.get().uri("/background-work/api/queues")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.queues.pictureQueue.state")
			.isEqualTo("RUNNING");
	}

}
