package io.github.backgroundwork.demo.mail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.demo.customers.Customer;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo pointed at an SMTP server that the test owns, through {@code spring.mail.*}:
 * every customer gets exactly one mail, and the embedded server stays off.
 */
@SpringBootTest(properties = { "demo.customers.count=25", "demo.mail.send-delay=0" })
@AutoConfigureMockMvc
class CustomerMailIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private CustomerRepository customers;

	@Autowired
	private ApplicationContext context;

	@Test
	void everyCustomerReceivesExactlyOneMail() throws Exception {
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Spring sale\", \"message\": \"Everything is 20% off.\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		WorkHandle work = this.queue.find(JsonPath.read(result.getResponse().getContentAsString(), "$.id"))
			.orElseThrow();
		work.completion().toCompletableFuture().get(20, TimeUnit.SECONDS);
		assertThat(work.state()).isEqualTo(WorkState.SUCCEEDED);

		List<Customer> everyone = this.customers.findAfter(0, 1000);
		assertThat(everyone).hasSize(25);
		MimeMessage[] received = smtp.getReceivedMessages();
		Map<String, Long> mailsPerRecipient = List.of(received)
			.stream()
			.map(CustomerMailIntegrationTests::recipient)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(mailsPerRecipient).containsOnlyKeys(everyone.stream().map(Customer::email).toList())
			.allSatisfy((recipient, count) -> assertThat(count).as(recipient).isOne());
		Customer first = everyone.get(0);
		MimeMessage mailToFirst = List.of(received)
			.stream()
			.filter((mail) -> recipient(mail).equals(first.email()))
			.findFirst()
			.orElseThrow();
		assertThat(mailToFirst.getSubject()).isEqualTo("Spring sale");
		assertThat(GreenMailUtil.getBody(mailToFirst)).contains("Dear " + first.name(), "Everything is 20% off.");
	}

	private static String recipient(MimeMessage mail) {
		try {
			return GreenMailUtil.getAddressList(mail.getAllRecipients());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void embeddedMailServerIsOffAndMailboxCountsOnlyTheLedger() {
		assertThat(this.context.getBeanNamesForType(GreenMail.class)).isEmpty();
		MvcTestResult mailbox = this.mvc.get().uri("/mailbox").exchange();
		assertThat(mailbox).hasStatusOk().bodyJson().extractingPath("$.received").isNull();
		assertThat(mailbox).bodyJson().extractingPath("$.latest").asArray().isEmpty();
		assertThat(mailbox).bodyJson().extractingPath("$.campaigns").asArray().isNotNull();
	}

}
