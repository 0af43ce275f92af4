package io.github.backgroundwork.demo.pictures;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.demo.TestPictures;
import io.github.backgroundwork.demo.mail.DurableCustomerMailing;
import io.github.backgroundwork.demo.pictures.PictureUploads.Thumbnail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Thumbnails run on a queue of their own, {@code pictureQueue}: with the demo's durable
 * store and one worker for the mailings, a picture uploaded behind a mailing of 20
 * customers at one second each gets its thumbnail while that mailing still waits.
 */
@SpringBootTest(properties = { "background-work.store=jdbc", "background-work.concurrency=1", "demo.customers.count=20",
		"demo.mail.send-delay=1s" })
@AutoConfigureMockMvc
// Closed after the class: its stop hands the mailing's unstarted rows back
@DirtiesContext
class PictureQueueTests {

	private static final int CUSTOMERS = 20;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	@Qualifier(PictureUploads.QUEUE)
	private BackgroundWorkQueue pictureQueue;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void thumbnailQueuedBehindAMailingIsMadeWhileTheMailingStillWaits() throws Exception {
		assertThat(this.mvc.post()
			.uri("/customers/notifications/durable?campaign=ahead-of-the-picture")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Slow sale\", \"message\": \"One a second\"}")).hasStatus(HttpStatus.ACCEPTED);
		MvcTestResult upload = this.mvc.post()
			.uri("/pictures")
			.multipart()
			.file(new MockMultipartFile("file", "sunset.png", "image/png", TestPictures.png(800, 600)))
			.exchange();
		assertThat(upload).hasStatus(HttpStatus.ACCEPTED);
		String id = JsonPath.read(upload.getResponse().getContentAsString(), "$.work.id");

		// On one queue the thumbnail would come after the 20 mails, 20 s at least
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.pictureQueue.find(id).orElseThrow().state(), WorkState::isTerminal);
		long mailed = this.jdbc
			.sql("SELECT COUNT(*) FROM background_work WHERE work_key LIKE 'ahead-of-the-picture:%' "
					+ "AND state = 'SUCCEEDED'")
			.query(Long.class)
			.single();
		assertThat(this.pictureQueue.find(id).orElseThrow().state()).isEqualTo(WorkState.SUCCEEDED);
		assertThat(mailed).as("mails sent when the thumbnail was made").isLessThan(CUSTOMERS);
	}

	@Test
	void mailQueueRefusesAThumbnailNamingTheWorkItRuns() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.queue.enqueue(WorkRequest.of(PictureUploads.WORK_NAME, new Thumbnail("x.png"))))
			.withMessageContaining("'thumbnail'")
			.withMessageContaining(DurableCustomerMailing.WORK_NAME);
	}

}
