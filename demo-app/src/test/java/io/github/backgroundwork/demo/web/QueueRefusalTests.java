package io.github.backgroundwork.demo.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.demo.TestPictures;
import io.github.backgroundwork.demo.pictures.PictureStore;
import io.github.backgroundwork.demo.pictures.PictureUploads;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queue that refuses work turns into {@code 503 Service Unavailable} with
 * {@code Retry-After}, and nothing is left behind.
 */
@SpringBootTest(properties = { "background-work.concurrency=1", "background-work.queue.capacity=1",
		"demo.customers.count=3", "demo.mail.send-delay=0" })
@AutoConfigureMockMvc
class QueueRefusalTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private DefaultBackgroundWorkQueue queue;

	@Autowired
	@Qualifier(PictureUploads.QUEUE)
	private DefaultBackgroundWorkQueue pictureQueue;

	@Autowired
	private PictureStore store;

	@Test
	void fullQueueAnswers503WithRetryAfter() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WorkHandle running = this.queue.enqueue("blocker", (context) -> {
			started.countDown();
			release.await();
		});
		WorkHandle waiting = null;
		try {
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			waiting = this.queue.enqueue("blocker", (context) -> release.await());
			assertThat(waiting.state()).as("the one place in the queue taken").isEqualTo(WorkState.QUEUED);
			MvcTestResult notification = notification();
			assertThat(notification).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.headers()
				.hasValue(HttpHeaders.RETRY_AFTER, "5");
			assertThat(notification).bodyJson().extractingPath("$.reason").isEqualTo("CAPACITY");
			assertThat(notification).bodyJson()
				.extractingPath("$.detail")
				.asString()
				.startsWith("The background work queue is full, try again later")
				.contains("capacity");

			// Thumbnails have a queue of their own, which the mailings do not fill
			assertThat(upload()).hasStatus(HttpStatus.ACCEPTED);
		}
		finally {
			release.countDown();
		}
		running.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		// The place in the queue is free once the waiting item has left it, not when the
		// first one ends
		assertThat(waiting).isNotNull();
		waiting.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(notification()).hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void fullPictureQueueRefusesTheUploadAndKeepsNoPicture() throws Exception {
		CountDownLatch started = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		List<WorkHandle> blockers = new ArrayList<>();
		int pictures = this.store.list().size();
		try {
			// Its two workers busy, then its one place taken
			for (int i = 0; i < 2; i++) {
				blockers.add(this.pictureQueue.enqueue("blocker", (context) -> {
					started.countDown();
					release.await();
				}));
				// Each one running before the next takes the one place
				long running = i + 1;
				await().atMost(Duration.ofSeconds(5)).until(() -> started.getCount() == 2 - running);
			}
			blockers.add(this.pictureQueue.enqueue("blocker", (context) -> release.await()));
			MvcTestResult upload = upload();
			assertThat(upload).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.headers()
				.hasValue(HttpHeaders.RETRY_AFTER, "5");
			assertThat(upload).bodyJson().extractingPath("$.reason").isEqualTo("CAPACITY");
			assertThat(this.store.list()).as("pictures kept after the refusal").hasSize(pictures);
		}
		finally {
			release.countDown();
		}
		for (WorkHandle blocker : blockers) {
			blocker.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		}
	}

	@Test
	@DirtiesContext
	void queueThatIsShuttingDownAnswers503() {
		this.queue.stop();
		MvcTestResult notification = notification();
		assertThat(notification).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.headers()
			.hasValue(HttpHeaders.RETRY_AFTER, "5");
		assertThat(notification).bodyJson().extractingPath("$.reason").isEqualTo("SHUTTING_DOWN");
		assertThat(notification).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("The application is shutting down");
	}

	private MvcTestResult upload() {
		return this.mvc.post()
			.uri("/pictures")
			.multipart()
			.file(new MockMultipartFile("file", "sunset.png", "image/png", TestPictures.png(300, 200)))
			.exchange();
	}

	private MvcTestResult notification() {
		return this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Spring sale\", \"message\": \"20% off\"}")
			.exchange();
	}

}
