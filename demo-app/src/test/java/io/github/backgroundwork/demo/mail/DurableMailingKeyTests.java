package io.github.backgroundwork.demo.mail;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key {@code campaign:customer} of the durable mailing: a campaign posted again while
 * its items are live queues no customer twice. Each mail waits 30s, so the first post's
 * items are still live at the second; at the end, shutdown cancels them.
 */
@SpringBootTest(properties = { "background-work.store=jdbc", "demo.customers.count=3", "demo.mail.send-delay=30s",
		"background-work.shutdown.drain-timeout=0", "background-work.shutdown.cancellation-grace=5s" })
@AutoConfigureMockMvc
class DurableMailingKeyTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void campaignPostedAgainWhileItsItemsAreLiveQueuesNoCustomerTwice() {
		MvcTestResult first = post("summer");
		assertThat(first).bodyJson().extractingPath("$.queued").isEqualTo(3);
		MvcTestResult again = post("summer");
		assertThat(again).hasStatus(HttpStatus.ACCEPTED);
		assertThat(again).bodyJson().extractingPath("$.queued").isEqualTo(0);
		assertThat(again).bodyJson().extractingPath("$.duplicates").isEqualTo(3);
		assertThat(post("autumn")).bodyJson().extractingPath("$.queued").isEqualTo(3);
		assertThat(this.jdbc.sql("SELECT work_key FROM background_work ORDER BY work_key").query(String.class).list())
			.containsExactly("autumn:1", "autumn:2", "autumn:3", "summer:1", "summer:2", "summer:3");
	}

	private MvcTestResult post(String campaign) {
		return this.mvc.post()
			.uri("/customers/notifications/durable?campaign=" + campaign)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Sale\", \"message\": \"20% off\"}")
			.exchange();
	}

}
