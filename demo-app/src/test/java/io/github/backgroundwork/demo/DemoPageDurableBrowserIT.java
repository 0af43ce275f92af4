package io.github.backgroundwork.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.github.backgroundwork.demo.browser.Chromium;
import io.github.backgroundwork.demo.browser.EnabledIfChromium;
import io.github.backgroundwork.demo.mail.DurableCustomerMailing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at {@code /} in real headless Chromium with typed work kept in the database,
 * as the demo runs by default: "Send to all customers (durable)" queues one stored item
 * per customer, every customer gets the campaign's mail, and the page lists the stored
 * items under "Stored", read from the database, not among the queue's own items. Skipped
 * where Chromium is not installed, as {@link DemoPageBrowserIT}.
 */
@EnabledIfChromium
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
		"background-work.store=jdbc", "demo.customers.count=30", "demo.mail.send-delay=20ms" })
class DemoPageDurableBrowserIT {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@LocalServerPort
	private int port;

	@TempDir
	private Path temp;

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws IOException {
		Chromium chromium = Chromium.find().orElseThrow(() -> new IllegalStateException(Chromium.notFound()));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.browser().toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,1600", "--user-data-dir=" + Files.createDirectory(this.temp.resolve("profile")));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(chromium.driver().toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void personSendsTheDurableCampaignAndEveryCustomerGetsItsMail() throws IOException {
		this.browser.get("http://127.0.0.1:" + this.port + "/");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("durable-counts"), "In the database"));
		assertThat(this.browser.findElement(By.id("durable-part")).isDisplayed()).isTrue();

		WebElement subject = this.browser.findElement(By.id("subject"));
		subject.clear();
		subject.sendKeys("Durable sale, seen from a browser");
		this.browser.findElement(By.id("notify-durable-button")).click();
		String result = this.wait.until((browser) -> {
			String text = browser.findElement(By.id("notify-result")).getText();
			return text.startsWith("Campaign ") ? text : null;
		});
		assertThat(result).endsWith("queued 30 stored " + DurableCustomerMailing.WORK_NAME + " items");

		// Every customer's mail arrives, and the page follows the rows to their end
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mailbox"), "received 30 mails"));
		assertThat(this.browser.findElement(By.id("mailbox")).getText())
			.contains("\"Durable sale, seen from a browser\"");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("durable-counts"), "30 succeeded"));
		assertThat(this.browser.findElement(By.id("durable-counts")).getText()).contains("0 queued", "0 running");
		String campaign = result.substring("Campaign ".length(), result.indexOf(':'));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#campaigns li[data-campaign='" + campaign + "']"),
				"Campaign " + campaign + ": 30 mails to 30 customers, 0 duplicates"));
		List<WebElement> rows = this.wait.until((browser) -> {
			List<WebElement> shown = browser.findElements(By.cssSelector("#durable tr[data-id]"));
			return (shown.size() == 20
					&& shown.stream().allMatch((row) -> "SUCCEEDED".equals(row.getDomAttribute("data-state")))) ? shown
							: null;
		});
		List<WebElement> cells = rows.get(0).findElements(By.tagName("td"));
		assertThat(cells.get(0).getText()).isEqualTo(DurableCustomerMailing.WORK_NAME);
		assertThat(cells.get(3).getText()).as("owner").startsWith("bgwork-");
		screenshot("demo-durable.png");

		// Stored items are shown once: not among the queue's own items
		assertThat(this.browser.findElements(By.cssSelector("#in-flight tr[data-id], #recent tr[data-id]")))
			.noneMatch((row) -> row.findElement(By.tagName("td")).getText().equals(DurableCustomerMailing.WORK_NAME));
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

}
