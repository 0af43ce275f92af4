package io.github.backgroundwork.demo.mail;

import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily digest is on the demo page: its next run is a stored {@code SCHEDULED} item
 * among the items in the database, {@code GET /work} gives its next due time for the
 * page's line, and the endpoint and the console list it as recurring.
 */
@SpringBootTest(properties = { "background-work.store=jdbc", "demo.customers.count=3",
		"background-work.recurring.daily-digest.enabled=true" })
@AutoConfigureMockMvc
class DailyDigestTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void nextDigestIsAStoredScheduledItemAndTheEndpointListsIt() throws Exception {
		String overview = this.mvc.get().uri("/work").exchange().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(overview, "$.durable.items[?(@.name == 'daily-digest')].state"))
			.containsExactly("SCHEDULED");
		// The page's line: its schedule and next due time, from GET /work
		assertThat(JsonPath.<List<String>>read(overview, "$.recurring[*].name")).containsExactly("daily-digest");
		assertThat(JsonPath.<List<String>>read(overview, "$.recurring[*].nextDue")).singleElement()
			.satisfies((due) -> assertThat(Instant.parse(due)).isAfter(Instant.now()));
		String endpoint = this.mvc.get().uri("/actuator/backgroundwork").exchange().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(endpoint, "$.recurring[*].schedule"))
			.containsExactly("cron 0 0 7 * * * Europe/Paris");
		// The console's Recurring page, and the page's line
		String console = this.mvc.get()
			.uri("/background-work/api/recurring")
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(JsonPath.<List<String>>read(console, "$[*].name")).containsExactly("daily-digest");
		assertThat(this.mvc.get().uri("/index.html")).hasStatusOk().bodyText().contains("id=\"recurring\"");
	}

}
