package io.github.backgroundwork.console;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.console.browser.Browser;
import io.github.backgroundwork.console.browser.EnabledIfChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read-only console in headless Chromium: every page is drawn without a button that
 * acts (the items' filter stays), and a POST the page's own script sends is refused.
 */
@EnabledIfChromium
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"background-work.console.enabled=true", "background-work.console.read-only=true", "server.address=127.0.0.1" })
class ReadOnlyConsoleBrowserIT {

	@LocalServerPort
	private int port;

	@Autowired
	private BackgroundWorkQueue queue;

	@TempDir
	private Path temp;

	@Test
	void readOnlyConsoleShowsNoButtonAndRefusesPosts() throws IOException {
		WorkHandle invoice = this.queue.enqueue(WorkRequest.of("invoice", "c-9"));
		await().atMost(Duration.ofSeconds(40)).until(() -> invoice.state() == WorkState.FAILED);
		try (Browser browser = Browser.open(this.temp.resolve("profile"), 1280, 800)) {
			String console = "http://127.0.0.1:" + this.port + "/background-work/";
			for (String page : new String[] { "overview", "names", "recurring", "items", "item/" + invoice.id() }) {
				browser.get(console + "#/" + page);
				browser.await("main[data-loaded='" + page.replaceAll("/.*", "") + "']");
				assertThat(browser.driver().findElements(By.cssSelector("main button.action"))).as(page).isEmpty();
			}
			browser.await("section[data-id='" + invoice.id() + "'][data-state='FAILED']");
			assertThat(browser.driver().findElement(By.id("mode")).getText()).isEqualTo("read-only");
			Object status = browser.script("const done = arguments[arguments.length - 1];"
					+ "fetch('api/items/' + arguments[0] + '/retry', {method: 'POST'}).then((r) => done(r.status));",
					invoice.id());
			assertThat(status).isEqualTo(403L);
		}
		assertThat(invoice.state()).isEqualTo(WorkState.FAILED);
	}

}
