package io.github.backgroundwork.console;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.console.ConsoleTestApplication.Handlers;
import io.github.backgroundwork.console.browser.Browser;
import io.github.backgroundwork.console.browser.EnabledIfChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; skipped where they are not installed, required in CI), used as
 * an operator would: watch work arrive, read a failure's stack trace, retry it, retry a
 * name in bulk, pause and resume, cancel a running item, run a recurring name now and
 * pause it. Screenshots go to {@code target/screenshots/}; {@code console.png} is the one
 * docs/console.md shows.
 */
@EnabledIfChromium
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "background-work.console.enabled=true", "server.address=127.0.0.1" })
class ConsoleBrowserIT {

	private static final Duration PATIENCE = Duration.ofSeconds(40);

	@LocalServerPort
	private int port;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private Handlers handlers;

	@TempDir
	private Path temp;

	private Browser browser;

	@BeforeEach
	void openBrowser() throws IOException {
		this.handlers.broken.set(true);
		this.handlers.reportsMayEnd = new CountDownLatch(1);
		this.browser = Browser.open(this.temp.resolve("profile"), 1280, 800);
	}

	@AfterEach
	void closeBrowser() {
		this.handlers.reportsMayEnd.countDown();
		if (this.browser != null) {
			this.browser.close();
		}
	}

	private void open(String hash) {
		this.browser.get("http://127.0.0.1:" + this.port + "/background-work/" + hash);
	}

	@Test
	void overviewShowsWorkArriving() throws IOException {
		open("#/overview");
		String card = "article[data-queue='backgroundWorkQueue']";
		this.browser.awaitText(card + " [data-figure='running'] dd", "0"::equals);
		List<WorkHandle> reports = List.of(this.queue.enqueue(WorkRequest.of("report", "weekly")),
				this.queue.enqueue(WorkRequest.of("report", "monthly")));
		this.browser.awaitText(card + " [data-figure='running'] dd", "2"::equals);
		this.queue.enqueue(WorkRequest.of("invoice", "c-1"));
		this.browser.awaitText(card + " [data-figure='failed'] dd", (text) -> Integer.parseInt(text) >= 1);
		this.browser.screenshot("console.png");
		this.handlers.reportsMayEnd.countDown();
		reports.forEach((report) -> await().atMost(PATIENCE).until(() -> report.state() == WorkState.SUCCEEDED));
		this.browser.awaitText(card + " [data-figure='running'] dd", "0"::equals);
		// The throughput chart shows them once the next sample is taken
		this.browser.awaitText(card + " figcaption", (text) -> !text.startsWith("0 items"));
	}

	@Test
	void failedItemShowsItsStackTrace() throws IOException {
		WorkHandle invoice = this.queue.enqueue(WorkRequest.of("invoice", "c-2"));
		await().atMost(PATIENCE).until(() -> invoice.state() == WorkState.FAILED);
		open("#/item/" + invoice.id());
		this.browser.await("section[data-id='" + invoice.id() + "'][data-state='FAILED']");
		String trace = this.browser.awaitText("#stack-trace", (text) -> !text.isEmpty());
		assertThat(trace).contains("java.lang.IllegalStateException: No invoice address for customer c-2")
			.contains("ConsoleTestApplication$Handlers.invoice");
		this.browser.screenshot("console-item.png");
	}

	@Test
	void retryOnAFailedItemMakesItSucceed() {
		WorkHandle invoice = this.queue.enqueue(WorkRequest.of("invoice", "c-8"));
		await().atMost(PATIENCE).until(() -> invoice.state() == WorkState.FAILED);
		open("#/item/" + invoice.id());
		this.browser.await("section[data-id='" + invoice.id() + "'][data-state='FAILED']");
		this.handlers.broken.set(false);
		this.browser.click("button[data-key='item-retry']");
		this.browser.await("section[data-id='" + invoice.id() + "'][data-state='SUCCEEDED']");
		assertThat(this.queue.find(invoice.id()).orElseThrow().state()).isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void bulkRetryOfANameRetriesEveryFailedItemOfIt() {
		List<WorkHandle> invoices = List.of(this.queue.enqueue(WorkRequest.of("invoice", "c-3")),
				this.queue.enqueue(WorkRequest.of("invoice", "c-4")),
				this.queue.enqueue(WorkRequest.of("invoice", "c-5")));
		invoices.forEach((invoice) -> await().atMost(PATIENCE).until(() -> invoice.state() == WorkState.FAILED));
		open("#/items?queue=backgroundWorkQueue&state=FAILED&name=invoice");
		for (WorkHandle invoice : invoices) {
			this.browser.await("tr[data-id='" + invoice.id() + "'][data-state='FAILED']");
		}
		this.handlers.broken.set(false);
		this.browser.click("button[data-key='bulk-retry']");
		String question = this.browser.awaitText("#confirm-text", (text) -> !text.isEmpty());
		assertThat(question).contains("invoice", "FAILED");
		this.browser.click("#confirm-yes");
		this.browser.awaitText("#status", (text) -> text.contains("changed"));
		invoices.forEach((invoice) -> await().atMost(PATIENCE)
			.until(() -> this.queue.find(invoice.id()).orElseThrow().state() == WorkState.SUCCEEDED));
	}

	@Test
	void pauseStopsNewStartsAndResumeRestartsThem() {
		WorkHandle failed = this.queue.enqueue(WorkRequest.of("invoice", "c-6"));
		await().atMost(PATIENCE).until(() -> failed.state() == WorkState.FAILED);
		this.handlers.broken.set(false);
		open("#/names");
		this.browser.click("button[data-key='pause-backgroundWorkQueue-invoice']");
		this.browser.await("button[data-key='resume-backgroundWorkQueue-invoice']");
		WorkHandle paused = this.queue.enqueue(WorkRequest.of("invoice", "c-7"));
		// Work of another name still runs, and by the time it has, the paused one has
		// had every chance to start
		this.handlers.reportsMayEnd.countDown();
		WorkHandle other = this.queue.enqueue(WorkRequest.of("report", "daily"));
		await().atMost(PATIENCE).until(() -> other.state() == WorkState.SUCCEEDED);
		assertThat(paused.state()).isEqualTo(WorkState.QUEUED);
		this.browser.click("button[data-key='resume-backgroundWorkQueue-invoice']");
		await().atMost(PATIENCE).until(() -> paused.state() == WorkState.SUCCEEDED);
	}

	@Test
	void recurringPageRunsANameNowAndPausesAndResumesIt() throws IOException {
		open("#/recurring");
		String row = "tr[data-recurring='cleanup']";
		String schedule = this.browser.awaitText(row + " td", (text) -> !text.isEmpty());
		assertThat(schedule).isEqualTo("every PT1H");
		int before = this.handlers.cleanups.get();
		this.browser.click("button[data-key='recurring-trigger-cleanup']");
		this.browser.awaitText("#status", (text) -> text.startsWith("cleanup: run "));
		await().atMost(PATIENCE).until(() -> this.handlers.cleanups.get() > before);
		// The run is an item of the name, on the items page
		open("#/items?queue=backgroundWorkQueue&name=cleanup&state=SUCCEEDED");
		this.browser.awaitText("#items-total", (text) -> !text.startsWith("0 matching"));
		open("#/recurring");
		// The last run is the one just triggered: when, and how it ended
		this.browser.await(row + " .badge.succeeded");
		this.browser.click("button[data-key='recurring-pause-cleanup']");
		this.browser.await(row + "[data-paused='true'] button[data-key='recurring-resume-cleanup']");
		assertThat(this.queue.paused().isPaused("cleanup")).isTrue();
		this.browser.screenshot("console-recurring.png");
		this.browser.click("button[data-key='recurring-resume-cleanup']");
		this.browser.await(row + "[data-paused='false'] button[data-key='recurring-pause-cleanup']");
		assertThat(this.queue.paused().isPaused("cleanup")).isFalse();
	}

	@Test
	void consoleFitsAPhoneInTheDark() throws IOException {
		WorkHandle invoice = this.queue.enqueue(WorkRequest.builder("invoice", "c-10").key("order-10").build());
		await().atMost(PATIENCE).until(() -> invoice.state() == WorkState.FAILED);
		this.browser.close();
		this.browser = Browser.open(this.temp.resolve("phone"), 390, 844);
		// Headless Chromium keeps windows at least 500 pixels wide: emulate the phone's
		this.browser.driver()
			.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
		this.browser.driver()
			.executeCdpCommand("Emulation.setEmulatedMedia",
					Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
		for (String page : new String[] { "overview", "names", "recurring", "items", "item/" + invoice.id() }) {
			open("#/" + page);
			this.browser.await("main[data-loaded='" + page.replaceAll("/.*", "") + "']");
			// Wide tables scroll in their own box; the page itself never scrolls sideways
			assertThat(this.browser.driver()
				.executeScript("return [window.innerWidth, document.documentElement.scrollWidth]")).as(page)
				.isEqualTo(List.of(390L, 390L));
		}
		assertThat(this.browser.driver().executeScript("return getComputedStyle(document.body).backgroundColor"))
			.isEqualTo("rgb(13, 17, 23)");
		assertThat(this.browser.driver().executeScript("return getComputedStyle(document.body).color"))
			.isEqualTo("rgb(230, 237, 243)");
		this.browser.screenshot("console-phone-dark.png");
	}

	@Test
	void cancelButtonCancelsARunningItem() {
		WorkHandle report = this.queue.enqueue(WorkRequest.of("report", "yearly"));
		await().atMost(PATIENCE).until(() -> report.state() == WorkState.RUNNING);
		open("#/item/" + report.id());
		this.browser.await("section[data-id='" + report.id() + "'][data-state='RUNNING']");
		this.browser.click("button[data-key='item-cancel']");
		this.browser.await("section[data-id='" + report.id() + "'][data-state='CANCELLED']");
		assertThat(report.state()).isEqualTo(WorkState.CANCELLED);
	}

}
