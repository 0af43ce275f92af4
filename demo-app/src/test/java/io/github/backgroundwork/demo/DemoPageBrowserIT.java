package io.github.backgroundwork.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.github.backgroundwork.demo.browser.Chromium;
import io.github.backgroundwork.demo.browser.EnabledIfChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * The page at {@code /} in real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; skipped where they are not installed), used as a person would:
 * send the notification, watch it run and succeed, upload a picture and see its
 * thumbnail, then cancel a second mailing and see it end cancelled. Screenshots go to
 * {@code target/screenshots/}.
 */
@EnabledIfChromium
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "demo.customers.count=50", "demo.mail.send-delay=80ms" })
class DemoPageBrowserIT {

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
		// An explicit browser and driver: Selenium Manager downloads nothing
		options.setBinary(chromium.browser().toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,1200", "--user-data-dir=" + Files.createDirectory(this.temp.resolve("profile")));
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
	void personSendsTheNotificationWatchesItSucceedSeesAThumbnailAndCancelsAMailing() throws IOException {
		this.browser.get("http://127.0.0.1:" + this.port + "/");
		String queue = this.wait.until((browser) -> {
			String text = browser.findElement(By.id("queue")).getText();
			return text.startsWith("Loading") ? null : text;
		});
		assertThat(queue).as("the page's view of /work")
			.startsWith("Queue backgroundWorkQueue RUNNING")
			.contains("Queue pictureQueue RUNNING");

		WebElement subject = this.browser.findElement(By.id("subject"));
		subject.clear();
		subject.sendKeys("Spring sale, seen from a browser");
		this.browser.findElement(By.id("notify-button")).click();
		String mailing = queuedItem("notify-result");
		assertThat(this.browser.findElement(By.id("notify-result")).getText()).startsWith("Queued customer-mail");

		// The tables are redrawn every second: read them afresh on each check
		this.wait.until((browser) -> number(browser,
				"return document.querySelector(\"#in-flight tr[data-id='" + mailing + "'] progress\")?.value") > 0);
		screenshot("demo-sending.png");
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#recent tr[data-id='" + mailing + "'][data-state='SUCCEEDED']")));
		assertThat(this.browser.findElement(By.cssSelector("#recent tr[data-id='" + mailing + "'] .badge")).getText())
			.isEqualTo("SUCCEEDED");
		assertThat(this.browser.findElements(By.cssSelector("#in-flight tr[data-id='" + mailing + "']"))).isEmpty();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mailbox"), "received 50 mails"));
		this.wait.until(ExpectedConditions.attributeToBe(By.id("notify-result"), "data-state", "SUCCEEDED"));
		assertThat(this.browser.findElement(By.id("notify-result")).getText()).as("the item followed at its Location")
			.isEqualTo("Queued customer-mail " + mailing + ": SUCCEEDED 50 / 50");
		// The ledger in the database counts the lambda mailing under its item's id
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#campaigns li[data-campaign='" + mailing + "']"),
				"Campaign " + mailing + ": 50 mails to 50 customers, 0 duplicates"));

		Path picture = Files.write(this.temp.resolve("sunset.png"), TestPictures.png(1200, 800));
		this.browser.findElement(By.id("file")).sendKeys(picture.toString());
		this.browser.findElement(By.id("upload-button")).click();
		String thumbnailWork = queuedItem("upload-result");
		WebElement thumbnail = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#pictures img.thumbnail")));
		this.wait.until((browser) -> Long.valueOf(250)
			.equals(((JavascriptExecutor) browser)
				.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", thumbnail)));
		WebElement thumbnailRow = this.wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#recent tr[data-id='" + thumbnailWork + "'][data-state='SUCCEEDED']")));
		assertThat(thumbnailRow.findElement(By.tagName("td")).getText()).isEqualTo("thumbnail");

		// Once more, for a picture of everything at once: the README shows this one
		this.browser.findElement(By.id("notify-button")).click();
		this.wait.until((browser) -> !mailing.equals(queuedItem("notify-result")));
		String again = queuedItem("notify-result");
		this.wait.until((browser) -> number(browser,
				"return document.querySelector(\"#in-flight tr[data-id='" + again + "'] progress\")?.value") >= 10);
		screenshot("demo-page.png");

		// Cancel it: the row's button sends DELETE /work/{id}, and the mailing stops at a
		// customer
		this.wait.until((browser) -> {
			browser.findElement(By.cssSelector("#in-flight tr[data-id='" + again + "'] button.cancel")).click();
			return true;
		});
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#recent tr[data-id='" + again + "'][data-state='CANCELLED']")));
		assertThat(this.browser.findElement(By.id("cancel-result")).getText())
			.startsWith("Cancellation requested for customer-mail " + again);
		this.wait.until(ExpectedConditions.attributeToBe(By.id("notify-result"), "data-state", "CANCELLED"));
		assertThat(this.browser.findElements(By.cssSelector("#in-flight tr[data-id='" + again + "']"))).isEmpty();
	}

	/**
	 * Wait for the page to say which item it queued, and return its id.
	 */
	private String queuedItem(String resultId) {
		return this.wait.until((browser) -> {
			String id = browser.findElement(By.id(resultId)).getDomAttribute("data-id");
			return (id != null && !id.isEmpty()) ? id : null;
		});
	}

	private static double number(WebDriver browser, String script) {
		Object value = ((JavascriptExecutor) browser).executeScript(script);
		return (value instanceof Number number) ? number.doubleValue() : 0;
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

}
