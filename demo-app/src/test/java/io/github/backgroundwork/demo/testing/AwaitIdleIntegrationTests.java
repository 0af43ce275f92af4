package io.github.backgroundwork.demo.testing;

import java.time.Duration;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.test.BackgroundWorkTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Example: the whole application with its real queue; the test waits for the queue to be
 * idle before it looks at what the work did.
 */
@SpringBootTest(properties = { "demo.customers.count=7", "demo.mail.send-delay=0" })
@AutoConfigureMockMvc
class AwaitIdleIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Test
	void everyCustomerHasBeenMailedOnceTheQueueIsIdle() {
		assertThat(this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Sale\", \"message\": \"20% off\"}")).hasStatus(HttpStatus.ACCEPTED);
		BackgroundWorkTestSupport.awaitIdle(this.queue, Duration.ofSeconds(10));
		assertThat(this.mvc.get().uri("/mailbox")).hasStatusOk().bodyJson().extractingPath("$.received").isEqualTo(7);
	}

}
