package io.github.backgroundwork.demo;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged demo stopped in the middle of a durable mailing and started again on the
 * same database, as docs/demo.md tells a user to: after SIGTERM every customer gets
 * exactly one mail; after {@code kill -9} every customer gets one, and only the mails in
 * flight at the kill may go out twice. Counted twice: by the test's own SMTP server,
 * which outlives both runs, and by the demo's ledger in {@code GET /mailbox}.
 */
class DemoRestartIT {

	private static final int CUSTOMERS = 300;

	private static final String CAMPAIGN = "restart";

	private static final String SUBJECT = "Restart sale";

	private static final Pattern CUSTOMER_INDEX = Pattern.compile("\\.(\\d+)@customers\\.example");

	private static final int SIGTERM_EXIT_CODE = 128 + 15;

	private static final int SIGKILL_EXIT_CODE = 128 + 9;

	@RegisterExtension
	final GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

	@TempDir
	private Path tmpdir;

	private final List<DemoJar> started = new ArrayList<>();

	@AfterEach
	void stopTheDemos() throws InterruptedException {
		for (DemoJar demo : this.started) {
			demo.destroy();
		}
	}

	@Test
	void sigtermInTheMiddleOfADurableMailingAndARestartMailEveryCustomerExactlyOnce(TestInfo test) throws Exception {
		DemoJar first = start(test, 1);
		assertThat(pidFile()).as("the PID file the docs' kill command reads")
			.content()
			.isEqualToIgnoringWhitespace(Long.toString(first.process().pid()));
		queueTheMailing(first);
		await().atMost(Duration.ofSeconds(60)).until(() -> received().size() >= 20);

		// The drain timeout (15s) and the cancellation grace (5s), and a slow machine's
		// margin
		assertThat(first.stop(false, Duration.ofSeconds(60))).as("exit code after SIGTERM")
			.isEqualTo(SIGTERM_EXIT_CODE);
		int beforeRestart = received().size();
		assertThat(beforeRestart).as("mails sent before the restart: SIGTERM came in the middle").isLessThan(CUSTOMERS);
		assertThat(pidFile()).as("PID file deleted at a normal exit").doesNotExist();

		DemoJar second = start(test, 2);
		awaitEveryItemEnded(second);
		Map<Integer, Integer> mails = mailsPerCustomer();
		report("SIGTERM", beforeRestart, mails, ledger(second));
		assertThat(mails.keySet()).as("customers mailed")
			.containsExactlyElementsOf(IntStream.rangeClosed(1, CUSTOMERS).boxed().toList());
		assertThat(mails).as("mails per customer (%d sent before the restart)", beforeRestart)
			.allSatisfy((customer, count) -> assertThat(count).as("mails to customer %d", customer).isOne());
		assertThat(ledger(second)).as("the ledger's mails, customers and duplicates")
			.containsExactly(CUSTOMERS, CUSTOMERS, 0);
	}

	@Test
	void killInTheMiddleOfADurableMailingAndARestartMailEveryCustomerResendingAtMostTheMailsInFlight(TestInfo test)
			throws Exception {
		// A short lease, so that the rows the killed demo held are rescued soon
		DemoJar first = start(test, 1, "--background-work.jdbc.lease=10s");
		int concurrency = JsonPath.read(first.get("/work").body(), "$.queues.backgroundWorkQueue.concurrency");
		queueTheMailing(first);
		await().atMost(Duration.ofSeconds(60)).until(() -> received().size() >= 20);

		assertThat(first.stop(true, Duration.ofSeconds(30))).as("exit code after kill -9").isEqualTo(SIGKILL_EXIT_CODE);
		int beforeRestart = received().size();
		assertThat(beforeRestart).as("mails sent before the restart: the kill came in the middle")
			.isLessThan(CUSTOMERS);

		DemoJar second = start(test, 2, "--background-work.jdbc.lease=10s");
		awaitEveryItemEnded(second);
		Map<Integer, Integer> mails = mailsPerCustomer();
		report("kill -9", beforeRestart, mails, ledger(second));
		assertThat(mails.keySet()).as("customers mailed")
			.containsExactlyElementsOf(IntStream.rangeClosed(1, CUSTOMERS).boxed().toList());
		int sentTwice = mails.values().stream().mapToInt((count) -> count - 1).sum();
		assertThat(sentTwice)
			.as("mails sent again after the kill (%d sent before it; mails per customer: %s)", beforeRestart, mails)
			.isLessThanOrEqualTo(concurrency);
		List<Integer> ledger = ledger(second);
		assertThat(ledger.get(1)).as("customers in the ledger").isEqualTo(CUSTOMERS);
		assertThat(ledger.get(2)).as("duplicates in the ledger").isLessThanOrEqualTo(sentTwice);
	}

	private DemoJar start(TestInfo test, int run, String... arguments) throws Exception {
		List<String> all = new ArrayList<>(List.of("--demo.customers.count=" + CUSTOMERS,
				// 300 mails, 8 at once: several seconds
				"--demo.mail.send-delay=200ms", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + this.smtp.getSmtp().getPort(),
				// Its pending run would be a stored SCHEDULED item that never drains
				"--background-work.recurring.daily-digest.enabled=false"));
		all.addAll(List.of(arguments));
		Path output = Path.of("target", "demo-restart",
				test.getTestMethod().orElseThrow().getName() + "-" + run + ".log");
		DemoJar demo = DemoJar.start(this.tmpdir, output, all.toArray(String[]::new));
		this.started.add(demo);
		return demo;
	}

	private Path pidFile() {
		return this.tmpdir.resolve("background-work-demo").resolve("demo.pid");
	}

	private static void queueTheMailing(DemoJar demo) throws Exception {
		HttpResponse<String> response = demo.postJson("/customers/notifications/durable?campaign=" + CAMPAIGN,
				"{\"subject\": \"" + SUBJECT + "\", \"message\": \"20% off\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(JsonPath.<Integer>read(response.body(), "$.queued")).isEqualTo(CUSTOMERS);
	}

	/**
	 * Wait until no stored item is queued, scheduled or running: those the first run left
	 * queued, and those it held when it was killed, rescued after their lease.
	 */
	private static void awaitEveryItemEnded(DemoJar demo) {
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			String work = demo.get("/work").body();
			return JsonPath.<Integer>read(work, "$.durable.counts.QUEUED") == 0
					&& JsonPath.<Integer>read(work, "$.durable.counts.SCHEDULED") == 0
					&& JsonPath.<Integer>read(work, "$.durable.counts.RUNNING") == 0;
		});
	}

	/**
	 * The ledger's mails, customers and duplicates of the campaign.
	 */
	private static List<Integer> ledger(DemoJar demo) throws Exception {
		String mailbox = demo.get("/mailbox").body();
		String campaign = "$.campaigns[?(@.campaign == '" + CAMPAIGN + "')].";
		List<Integer> counts = new ArrayList<>();
		for (String count : List.of("mails", "customers", "duplicates")) {
			List<Integer> values = JsonPath.read(mailbox, campaign + count);
			assertThat(values).as("the campaign in %s", mailbox).hasSize(1);
			counts.add(values.get(0));
		}
		return counts;
	}

	/**
	 * The figures docs/demo.md quotes, in the test's output.
	 */
	private static void report(String stop, int beforeRestart, Map<Integer, Integer> mails, List<Integer> ledger) {
		int total = mails.values().stream().mapToInt(Integer::intValue).sum();
		System.out.println("DemoRestartIT, " + stop + ": " + beforeRestart + " mails before the restart, " + total
				+ " in all to " + mails.size() + " customers; the ledger: " + ledger.get(0) + " mails, " + ledger.get(1)
				+ " customers, " + ledger.get(2) + " duplicates");
	}

	private List<MimeMessage> received() {
		return List.of(this.smtp.getReceivedMessages());
	}

	private Map<Integer, Integer> mailsPerCustomer() throws MessagingException {
		Map<Integer, Integer> mails = new TreeMap<>();
		for (MimeMessage mail : received()) {
			assertThat(mail.getSubject()).isEqualTo(SUBJECT);
			String recipient = InternetAddress.toString(mail.getAllRecipients());
			Matcher matcher = CUSTOMER_INDEX.matcher(recipient);
			assertThat(matcher.find()).as(recipient).isTrue();
			mails.merge(Integer.parseInt(matcher.group(1)), 1, Integer::sum);
		}
		return mails;
	}

}
