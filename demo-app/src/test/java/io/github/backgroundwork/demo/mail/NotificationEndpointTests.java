package io.github.backgroundwork.demo.mail;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkProgress;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.demo.DemoMockMvcTest;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /customers/notifications} and {@code GET /mailbox} through MockMvc, with
 * the demo's embedded SMTP server.
 */
@DemoMockMvcTest
class NotificationEndpointTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private CustomerRepository customers;

	@Test
	void jsonNotificationIsQueuedAndAnsweredAtOnceWithTheItemsLocation() throws Exception {
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Spring sale\", \"message\": \"20% off\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");
		assertThat(result).headers().hasValue(HttpHeaders.LOCATION, "/work/" + id);
		assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("customer-mail");
		assertThat(result).bodyJson().extractingPath("$.location").isEqualTo("/work/" + id);
		WorkHandle work = awaitEnd(id);
		assertThat(work.state()).isEqualTo(WorkState.SUCCEEDED);
		long count = this.customers.count();
		assertThat(work.snapshot().progress()).isEqualTo(new WorkProgress(count, count));
	}

	@Test
	void formNotificationIsQueued() throws Exception {
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("subject", "Spring sale")
			.param("message", "20% off")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");
		assertThat(awaitEnd(id).state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void mailboxShowsTheMailsTheEmbeddedServerReceived() throws Exception {
		int before = received();
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Mailbox check\", \"message\": \"Hello\"}")
			.exchange();
		awaitEnd(JsonPath.read(result.getResponse().getContentAsString(), "$.id"));
		assertThat(received()).isEqualTo(before + this.customers.count());
		MvcTestResult mailbox = this.mvc.get().uri("/mailbox").exchange();
		List<String> latestSubjects = JsonPath.read(mailbox.getResponse().getContentAsString(),
				"$.latest[0:" + this.customers.count() + "].subject");
		assertThat(latestSubjects).hasSize((int) this.customers.count()).containsOnly("Mailbox check");
	}

	@Test
	void mailboxCountsTheLambdaMailingInTheLedgerUnderItsItemsId() throws Exception {
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Ledger check\", \"message\": \"Hello\"}")
			.exchange();
		String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");
		awaitEnd(id);
		String mailbox = this.mvc.get().uri("/mailbox").exchange().getResponse().getContentAsString();
		String campaign = "$.campaigns[?(@.campaign == '" + id + "')]";
		assertThat(JsonPath.<List<Integer>>read(mailbox, campaign + ".mails"))
			.containsExactly((int) this.customers.count());
		assertThat(JsonPath.<List<Integer>>read(mailbox, campaign + ".customers"))
			.containsExactly((int) this.customers.count());
		assertThat(JsonPath.<List<Integer>>read(mailbox, campaign + ".duplicates")).containsExactly(0);
	}

	static Stream<Arguments> badJson() {
		String longSubject = "x".repeat(201);
		return Stream
			.of(Arguments.of("{\"subject\": \" \", \"message\": \"m\"}", "subject: must not be blank"),
					Arguments.of("{\"subject\": \"s\"}", "message: must not be blank"),
					Arguments.of("{\"subject\": \"" + longSubject + "\", \"message\": \"m\"}",
							"subject: size must be between 0 and 200"),
					Arguments.of("{}", "subject: must not be blank"));
	}

	@ParameterizedTest
	@MethodSource("badJson")
	void invalidJsonNotificationIsRefusedNamingTheFieldAndNothingIsQueued(String json, String expected) {
		long accepted = accepted();
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains(expected);
		assertThat(accepted()).isEqualTo(accepted);
	}

	@Test
	void invalidFormNotificationIsRefusedNamingTheField() {
		long accepted = accepted();
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("subject", "Spring sale")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors.message")
			.isEqualTo("must not be blank");
		assertThat(accepted()).isEqualTo(accepted);
	}

	@Test
	void malformedJsonIsRefusedSayingWhere() {
		long accepted = accepted();
		assertThat(this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": ")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("The request body could not be read as JSON at line 1, column 13: Unexpected end-of-input");
		assertThat(accepted()).isEqualTo(accepted);
	}

	@Test
	void jsonFieldOfTheWrongTypeIsRefusedNamingTheField() {
		long accepted = accepted();
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": [\"Sale\"], \"message\": \"m\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("The request body could not be read as JSON in field 'subject'");
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("subject");
		assertThat(accepted()).isEqualTo(accepted);
	}

	@Test
	void missingBodyIsRefusedSayingSo() {
		assertThat(this.mvc.post().uri("/customers/notifications").contentType(MediaType.APPLICATION_JSON))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The request body is missing or is not JSON");
	}

	@Test
	void otherContentTypesAreRefused() {
		assertThat(this.mvc.post().uri("/customers/notifications").contentType(MediaType.TEXT_PLAIN).content("subject"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	private WorkHandle awaitEnd(String id) throws Exception {
		WorkHandle work = this.queue.find(id).orElseThrow();
		work.completion().toCompletableFuture().handle((result, ex) -> null).get(10, TimeUnit.SECONDS);
		return work;
	}

	private int received() throws Exception {
		MvcTestResult mailbox = this.mvc.get().uri("/mailbox").exchange();
		assertThat(mailbox).hasStatusOk();
		return JsonPath.read(mailbox.getResponse().getContentAsString(), "$.received");
	}

	private long accepted() {
		return this.queue.statistics().totals().accepted();
	}

}
