package io.github.backgroundwork.demo.mail;

import java.time.Duration;

import com.icegreen.greenmail.util.GreenMail;
import io.github.backgroundwork.demo.customers.CustomerRepository;
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
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /customers/notifications/durable} with {@code background-work.store=jdbc}:
 * one stored item per customer, each sending one mail through the embedded SMTP server.
 */
@SpringBootTest(properties = { "background-work.store=jdbc", "demo.customers.count=12", "demo.mail.send-delay=0" })
@AutoConfigureMockMvc
class DurableMailingTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private CustomerRepository customers;

	@Autowired
	private GreenMail mailServer;

	@Autowired
	private SentMailLedger ledger;

	@Test
	void everyCustomerGetsOneStoredItemKeyedByCampaignAndCustomerAndOneMail() {
		// Independent of the other tests' campaigns, whatever their order
		long count = this.customers.count();
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications/durable?campaign=spring-sale")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Durable sale\", \"message\": \"20% off\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		assertThat(result).bodyJson().extractingPath("$.campaign").isEqualTo("spring-sale");
		assertThat(result).bodyJson().extractingPath("$.queued").isEqualTo((int) count);
		assertThat(result).bodyJson().extractingPath("$.duplicates").isEqualTo(0);
		assertThat(this.jdbc
			.sql("SELECT work_key FROM background_work WHERE name = 'customer-mail-durable' "
					+ "AND work_key LIKE 'spring-sale:%'")
			.query(String.class)
			.list()).containsExactlyInAnyOrderElementsOf(
					this.customers.findAllIds().stream().map((id) -> "spring-sale:" + id).toList());
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("SELECT COUNT(*) FROM background_work WHERE name = 'customer-mail-durable' "
						+ "AND work_key LIKE 'spring-sale:%' AND state = 'SUCCEEDED'")
				.query(Long.class)
				.single()).isEqualTo(count));
		// One mail each: every one sent before its row was marked SUCCEEDED
		assertThat(this.mailServer.getReceivedMessagesForDomain("customers.example"))
			.filteredOn((mail) -> subject(mail).equals("Durable sale"))
			.hasSize((int) count);
		assertThat(this.ledger.campaigns()).filteredOn((campaign) -> campaign.campaign().equals("spring-sale"))
			.singleElement()
			.satisfies((campaign) -> {
				assertThat(campaign.mails()).as("mails").isEqualTo(count);
				assertThat(campaign.customers()).as("customers").isEqualTo(count);
				assertThat(campaign.duplicates()).as("duplicates").isZero();
			});
	}

	@Test
	void ledgerCountsASecondMailToACustomerAsADuplicate() {
		this.ledger.record("twice", 1);
		this.ledger.record("twice", 2);
		this.ledger.record("twice", 1);
		assertThat(this.mvc.get().uri("/mailbox")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.campaigns[?(@.campaign == 'twice')]")
			.asArray()
			.singleElement()
			.satisfies(
					(campaign) -> assertThat(campaign.toString()).contains("mails=3", "customers=2", "duplicates=1"));
	}

	@Test
	void formPostStartsANewCampaignWhenNoneIsNamed() {
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications/durable")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("subject", "Form sale")
			.param("message", "10% off")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		assertThat(result).bodyJson().extractingPath("$.campaign").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.queued").isEqualTo((int) this.customers.count());
	}

	@Test
	void campaignThatCannotBePartOfAKeyIsRefusedNamingIt() {
		long stored = stored();
		MvcTestResult result = this.mvc.post()
			.uri("/customers/notifications/durable?campaign=a:b")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Sale\", \"message\": \"20% off\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("campaign");
		assertThat(stored()).isEqualTo(stored);
	}

	private long stored() {
		return this.jdbc.sql("SELECT COUNT(*) FROM background_work").query(Long.class).single();
	}

	private static String subject(jakarta.mail.internet.MimeMessage mail) {
		try {
			return String.valueOf(mail.getSubject());
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
