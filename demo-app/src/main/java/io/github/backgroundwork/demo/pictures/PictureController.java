package io.github.backgroundwork.demo.pictures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.backgroundwork.demo.web.AcceptedWork;
import io.github.backgroundwork.demo.web.WorkLocations;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /pictures} stores an uploaded picture and queues its thumbnail;
 * {@code GET /pictures} lists the pictures with their thumbnails. The files themselves
 * are served under {@code /pictures/files/}.
 *
 * @since 0.1.0
 */
@RestController
public class PictureController {

	private final PictureUploads uploads;

	private final PictureStore store;

	private final PictureProperties properties;

	private final WorkLocations locations;

	/**
	 * Create a controller.
	 * @param uploads stores pictures and queues thumbnails
	 * @param store where pictures are kept
	 * @param properties the size limit
	 * @param locations where queued items can be watched
	 */
	public PictureController(PictureUploads uploads, PictureStore store, PictureProperties properties,
			WorkLocations locations) {
		this.uploads = uploads;
		this.store = store;
		this.properties = properties;
		this.locations = locations;
	}

	/**
	 * Store a picture and queue its thumbnail. Nothing is stored or queued unless the
	 * upload is a non-empty image within the size limit.
	 * @param file the {@code file} part of a multipart upload
	 * @return the picture and the queued item
	 * @throws IOException if the picture cannot be read or stored
	 */
	@PostMapping(path = "/pictures", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	public ResponseEntity<UploadAccepted> upload(@RequestParam("file") MultipartFile file) throws IOException {
		String name = StringUtils.hasText(file.getOriginalFilename()) ? file.getOriginalFilename() : file.getName();
		if (file.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The uploaded file '" + name + "' is empty");
		}
		if (file.getSize() > this.properties.getMaxSize().toBytes()) {
			throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
					"The uploaded file '" + name + "' has " + file.getSize() + " bytes, more than the limit of "
							+ this.properties.describeMaxSize() + " (demo.pictures.max-size)");
		}
		String suffix;
		try (InputStream content = file.getInputStream()) {
			suffix = Thumbnails.formatOf(content)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The uploaded file '"
						+ name + "' is not an image this server can read (PNG, JPEG, GIF, BMP, TIFF or WBMP)"));
		}
		PictureUploads.Upload upload;
		try (InputStream content = file.getInputStream()) {
			upload = this.uploads.upload(content, suffix);
		}
		return this.locations.accepted(upload.work())
			.body(new UploadAccepted(AcceptedWork.of(upload.work(), this.locations), describe(upload.picture())));
	}

	/**
	 * List the pictures, newest first.
	 * @return the pictures
	 */
	@GetMapping("/pictures")
	public List<Picture> list() {
		return this.store.list().stream().map(this::describe).toList();
	}

	private Picture describe(Path picture) {
		Path thumbnail = this.store.thumbnailOf(picture);
		return new Picture(picture.getFileName().toString(), url(picture), size(picture),
				Files.exists(thumbnail) ? url(thumbnail) : null);
	}

	private static String url(Path file) {
		return ServletUriComponentsBuilder.fromCurrentContextPath()
			.pathSegment("pictures", "files", file.getFileName().toString())
			.build()
			.toUriString();
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * The answer to an upload: the queued thumbnail work and the stored picture.
	 *
	 * @param work the item that makes the thumbnail
	 * @param picture the stored picture, whose thumbnail is not made yet
	 */
	public record UploadAccepted(AcceptedWork work, Picture picture) {

	}

}
