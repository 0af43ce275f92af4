package io.github.backgroundwork.demo.pictures;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.demo.DemoMockMvcTest;
import io.github.backgroundwork.demo.TestPictures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /pictures}, {@code GET /pictures} and the picture files through MockMvc.
 */
@DemoMockMvcTest
class PictureEndpointTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	@Qualifier(PictureUploads.QUEUE)
	private BackgroundWorkQueue queue;

	@Autowired
	private PictureStore store;

	private long acceptedBefore;

	private int picturesBefore;

	@BeforeEach
	void countWhatIsThere() {
		this.acceptedBefore = this.queue.statistics().totals().accepted();
		this.picturesBefore = this.store.list().size();
	}

	@Test
	void uploadedPictureGetsA250PixelWideThumbnailBesideIt() throws Exception {
		MvcTestResult result = upload("sunset.png", TestPictures.png(1000, 600));
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		String id = JsonPath.read(result.getResponse().getContentAsString(), "$.work.id");
		assertThat(result).headers().hasValue(HttpHeaders.LOCATION, "/work/" + id);
		assertThat(result).bodyJson().extractingPath("$.work.name").isEqualTo("thumbnail");
		assertThat(result).bodyJson().extractingPath("$.picture.thumbnailUrl").isNull();
		String name = JsonPath.read(result.getResponse().getContentAsString(), "$.picture.name");
		assertThat(name).endsWith(".png");
		assertThat(awaitEnd(id).state()).isEqualTo(WorkState.SUCCEEDED);

		Path thumbnail = this.store.thumbnailOf(this.store.directory().resolve(name));
		assertThat(thumbnail.getParent()).isEqualTo(this.store.directory());
		BufferedImage image = ImageIO.read(thumbnail.toFile());
		assertThat(image.getWidth()).isEqualTo(250);
		assertThat(image.getHeight()).isEqualTo(150);

		MvcTestResult list = this.mvc.get().uri("/pictures").exchange();
		List<String> thumbnails = JsonPath.read(list.getResponse().getContentAsString(),
				"$[?(@.name == '" + name + "')].thumbnailUrl");
		assertThat(thumbnails).containsExactly("http://localhost/pictures/files/" + thumbnail.getFileName());
		assertThat(this.mvc.get().uri("/pictures/files/" + thumbnail.getFileName())).hasStatusOk()
			.hasContentType(MediaType.IMAGE_PNG);
	}

	@Test
	void jpegIsAcceptedToo() throws Exception {
		MvcTestResult result = upload("photo.jpeg", TestPictures.jpeg(500, 500));
		assertThat(result).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.picture.name")
			.asString()
			.endsWith(".jpg");
		assertThat(awaitEnd(JsonPath.read(result.getResponse().getContentAsString(), "$.work.id")).state())
			.isEqualTo(WorkState.SUCCEEDED);
	}

	@Test
	void emptyUploadIsRefusedAndNothingIsQueued() {
		assertRefusedWithNothingQueued(upload("empty.png", new byte[0]), HttpStatus.BAD_REQUEST,
				"The uploaded file 'empty.png' is empty");
	}

	@Test
	void uploadThatIsNotAnImageIsRefusedAndNothingIsQueued() {
		assertRefusedWithNothingQueued(upload("notes.txt", "Not a picture at all".getBytes()),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The uploaded file 'notes.txt' is not an image");
	}

	@Test
	void uploadOverTheLimitIsRefusedAndNothingIsQueued() {
		byte[] large = TestPictures.noisyPng(200, 200);
		assertThat(large.length).isGreaterThan(64 * 1024);
		assertRefusedWithNothingQueued(upload("noise.png", large), HttpStatus.CONTENT_TOO_LARGE,
				"more than the limit of 64KB (demo.pictures.max-size)");
	}

	@Test
	void uploadWithoutFilePartIsRefusedNamingThePart() {
		assertRefusedWithNothingQueued(this.mvc.post()
			.uri("/pictures")
			.multipart()
			.file(new MockMultipartFile("picture", "sunset.png", "image/png", TestPictures.png(10, 10)))
			.exchange(), HttpStatus.BAD_REQUEST, "'file'");
	}

	@Test
	void pictureThatOnlyStartsLikeOneIsAcceptedAndItsThumbnailFailsWithTheReason() throws Exception {
		MvcTestResult result = upload("broken.png", TestPictures.truncatedPng());
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		WorkHandle work = awaitEnd(JsonPath.read(result.getResponse().getContentAsString(), "$.work.id"));
		assertThat(work.state()).isEqualTo(WorkState.FAILED);
		assertThat(work.snapshot().error()).isNotNull();
	}

	private MvcTestResult upload(String filename, byte[] content) {
		return this.mvc.post()
			.uri("/pictures")
			.multipart()
			.file(new MockMultipartFile("file", filename, "application/octet-stream", content))
			.exchange();
	}

	private void assertRefusedWithNothingQueued(MvcTestResult result, HttpStatus status, String detail) {
		assertThat(result).hasStatus(status).bodyJson().extractingPath("$.detail").asString().contains(detail);
		assertThat(this.queue.statistics().totals().accepted()).as("accepted before the refusal")
			.isEqualTo(this.acceptedBefore);
		assertThat(this.store.list()).as("stored pictures").hasSize(this.picturesBefore);
	}

	private WorkHandle awaitEnd(String id) throws Exception {
		WorkHandle work = this.queue.find(id).orElseThrow();
		work.completion().toCompletableFuture().handle((done, ex) -> null).get(10, TimeUnit.SECONDS);
		return work;
	}

}
