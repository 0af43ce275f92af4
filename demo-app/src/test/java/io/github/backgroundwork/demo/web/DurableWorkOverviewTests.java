package io.github.backgroundwork.demo.web;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.demo.mail.CustomerMail;
import io.github.backgroundwork.demo.mail.DurableCustomerMailing;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code background-work.store=jdbc}, {@code GET /work} lists stored items from the
 * database, apart from the queue's own items, and {@code GET} and {@code DELETE
 * /work/{id}} answer for a stored item too.
 */
@SpringBootTest(properties = { "background-work.store=jdbc", "demo.customers.count=3" })
@AutoConfigureMockMvc
class DurableWorkOverviewTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Test
	void storedItemIsListedApartFoundAndCancelledThroughWork() throws Exception {
		String id = this.queue
			.enqueue(WorkRequest
				.builder(DurableCustomerMailing.WORK_NAME, new CustomerMail("later", 1, "Subject", "Message"))
				.delay(Duration.ofHours(1))
				.build())
			.id();

		String overview = this.mvc.get().uri("/work").exchange().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(overview, "$.durable.items[*].id")).containsExactly(id);
		assertThat(JsonPath.<Integer>read(overview, "$.durable.counts.SCHEDULED")).isOne();
		assertThat(JsonPath.<List<String>>read(overview, "$.inFlight[*].id")).doesNotContain(id);

		assertThat(this.mvc.get().uri("/work/{id}", id)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.state")
			.isEqualTo("SCHEDULED");
		assertThat(this.mvc.delete().uri("/work/{id}", id)).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.state")
			.isEqualTo("CANCELLED");
		assertThat(this.mvc.delete().uri("/work/{id}", id)).hasStatus(HttpStatus.CONFLICT);
		String after = this.mvc.get().uri("/work").exchange().getResponse().getContentAsString();
		assertThat(JsonPath.<Integer>read(after, "$.durable.counts.CANCELLED")).isOne();
	}

}
