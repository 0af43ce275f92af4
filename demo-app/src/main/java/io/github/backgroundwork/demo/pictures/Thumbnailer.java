package io.github.backgroundwork.demo.pictures;

import java.io.IOException;
import java.nio.file.Path;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.demo.pictures.PictureUploads.Thumbnail;

import org.springframework.stereotype.Component;

/**
 * Makes the thumbnail of a stored picture: the handler of
 * {@value PictureUploads#WORK_NAME} work, which runs on the demo's
 * {@value PictureUploads#QUEUE} (see {@code DemoQueues}), two at once, never behind a
 * mailing. Once started, a thumbnail takes a fraction of a second and is finished.
 *
 * @since 0.1.0
 */
@Component
public class Thumbnailer {

	private final PictureStore store;

	/**
	 * Create a thumbnailer.
	 * @param store where pictures are kept
	 */
	public Thumbnailer(PictureStore store) {
		this.store = store;
	}

	/**
	 * Make the thumbnail of a stored picture. Not retried: a picture that cannot be
	 * decoded will not decode on a second try.
	 * @param request the picture
	 * @throws IOException if the picture cannot be read or the thumbnail written
	 */
	@BackgroundWorkHandler(value = PictureUploads.WORK_NAME, maxRetries = 0)
	void make(Thumbnail request) throws IOException {
		Path picture = Path.of(request.picture());
		Thumbnails.write(picture, this.store.thumbnailOf(picture));
	}

}
