package io.github.backgroundwork.console.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the console, as the demo's browser test drives it: an explicit
 * browser and driver, so that Selenium Manager downloads nothing, and a wait that
 * tolerates the page's redraws.
 */
public final class Browser implements AutoCloseable {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final WebDriverWait wait;

	private Browser(ChromeDriver driver) {
		this.driver = driver;
		this.wait = new WebDriverWait(driver, Duration.ofSeconds(40));
		this.wait.ignoring(StaleElementReferenceException.class);
		this.wait.withMessage(this::describePage);
	}

	/**
	 * What the page shows, for the message of a wait that timed out.
	 */
	private String describePage() {
		try {
			return "the page at " + this.driver.getCurrentUrl() + " shows: "
					+ this.driver.findElement(By.tagName("body")).getText();
		}
		catch (RuntimeException ex) {
			return "the page could not be read: " + ex;
		}
	}

	/**
	 * Start a browser.
	 * @param profile an empty directory for its profile
	 * @param width the window's width
	 * @param height the window's height
	 * @return the browser
	 * @throws IOException if the profile cannot be made
	 */
	public static Browser open(Path profile, int width, int height) throws IOException {
		Chromium chromium = Chromium.find().orElseThrow(() -> new IllegalStateException(Chromium.notFound()));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.browser().toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=" + width + "," + height, "--user-data-dir=" + Files.createDirectories(profile));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(chromium.driver().toFile())
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options));
	}

	/**
	 * Open a URL.
	 * @param url the URL
	 */
	public void get(String url) {
		this.driver.get(url);
	}

	/**
	 * The driver.
	 * @return the driver
	 */
	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Wait for an element to be present, and return it.
	 * @param css the element's selector
	 * @return the element
	 */
	public WebElement await(String css) {
		return this.wait.until((driver) -> {
			var found = driver.findElements(By.cssSelector(css));
			return found.isEmpty() ? null : found.get(0);
		});
	}

	/**
	 * Wait for an element's text to satisfy a condition, read afresh at each check as the
	 * page redraws.
	 * @param css the element's selector
	 * @param condition the condition
	 * @return the text
	 */
	public String awaitText(String css, java.util.function.Predicate<String> condition) {
		return this.wait.until((driver) -> {
			var found = driver.findElements(By.cssSelector(css));
			if (found.isEmpty()) {
				return null;
			}
			String text = found.get(0).getText();
			return condition.test(text) ? text : null;
		});
	}

	/**
	 * Click an element once it is present; retried if a redraw replaced it meanwhile.
	 * @param css the element's selector
	 */
	public void click(String css) {
		this.wait.until((driver) -> {
			driver.findElement(By.cssSelector(css)).click();
			return true;
		});
	}

	/**
	 * Run a script in the page.
	 * @param script the script
	 * @param arguments its arguments
	 * @return what it returned
	 */
	public Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript(script, arguments);
	}

	/**
	 * Save a screenshot under {@code target/screenshots}.
	 * @param name the file's name
	 * @return the file
	 * @throws IOException if it cannot be saved
	 */
	public Path screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path shot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
		return Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
