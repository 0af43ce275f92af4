package io.github.backgroundwork.examples.typed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.examples.typed.CustomerMails.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The typed work the README and docs/typed-work.md show, on the auto-configured queue: a
 * key adds nothing while its item is live, a delay holds no thread, a handler without
 * retries fails at once.
 */
@SpringBootTest(classes = TypedWorkApplication.class, properties = { "spring.main.web-application-type=none",
		// This module's other examples bring JDBC, Flyway and Liquibase: not wanted here
		"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class TypedWorkTests {

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private CustomerMails mails;

	@TempDir
	private Path pictures;

	@Test
	void aKeyedMailIsScheduledOnceWhileItIsLive() {
		long scheduled = this.queue.statistics().scheduled();
		CustomerMails.mailLater(this.queue, "spring-sale", 42);
		CustomerMails.mailLater(this.queue, "spring-sale", 42);
		assertThat(this.queue.statistics().scheduled()).isEqualTo(scheduled + 1);
		assertThat(this.mails.sent).noneMatch((mail) -> mail.campaign().equals("spring-sale"));
	}

	@Test
	void everyRequestIsEnqueuedAndRuns() throws IOException {
		Path picture = Files.writeString(this.pictures.resolve("cat.jpg"), "a cat");
		List<WorkHandle> handles = CustomerMails.enqueueEach(this.queue, picture.toString(), "autumn-sale", 7,
				List.of(WorkRequest.of("customer-mail", new Mail("welcome", 1)),
						WorkRequest.of("customer-mail", new Mail("welcome", 2))));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> handles.stream().allMatch((handle) -> handle.state() == WorkState.SUCCEEDED));
		assertThat(this.mails.sent).contains(new Mail("welcome", 1), new Mail("welcome", 2));
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(this.pictures.resolve("thumbnail-cat.jpg")));
	}

	@Test
	@SuppressWarnings("auxiliaryclass")
	void aThumbnailThatFailsIsNotRetried() {
		WorkHandle handle = this.queue
			.enqueue(WorkRequest.of("thumbnail", new Thumbnail(this.pictures.resolve("none.jpg").toString())));
		await().atMost(Duration.ofSeconds(30)).until(() -> handle.state() == WorkState.FAILED);
	}

}
