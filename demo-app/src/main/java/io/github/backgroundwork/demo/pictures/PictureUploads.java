package io.github.backgroundwork.demo.pictures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkRequest;

import org.springframework.stereotype.Service;

/**
 * Stores an uploaded picture and queues its thumbnail as typed work named
 * {@value #WORK_NAME}: a {@link Thumbnail} request for the {@link #make(Thumbnail)}
 * handler. The image is decoded and scaled on one of the queue's own workers, so the
 * queue's {@code concurrency} bounds how many are made at once (and the handler's
 * {@code concurrency} how many of them are thumbnails), and shutdown waits for them. An
 * item cancelled before it starts never runs; once started, a thumbnail takes a fraction
 * of a second and is finished.
 *
 * @since 0.1.0
 */
@Service
public class PictureUploads {

	/**
	 * The name of the work item that makes a thumbnail.
	 */
	public static final String WORK_NAME = "thumbnail";

	private final BackgroundWorkQueue queue;

	private final PictureStore store;

	/**
	 * Create the uploads.
	 * @param queue the queue whose workers make the thumbnails
	 * @param store where pictures are kept
	 */
	public PictureUploads(BackgroundWorkQueue queue, PictureStore store) {
		this.queue = queue;
		this.store = store;
	}

	/**
	 * Store a picture and queue its thumbnail. If the queue refuses the work, the picture
	 * is deleted again.
	 * @param content the picture's content, already known to be an image
	 * @param suffix the file suffix of its format
	 * @return the stored picture and the queued item
	 * @throws IOException if the picture cannot be stored
	 * @throws WorkRejectedException if the queue is full or shutting down
	 */
	public Upload upload(InputStream content, String suffix) throws IOException {
		Path picture = this.store.save(content, suffix);
		try {
			WorkHandle work = this.queue.enqueue(WorkRequest.of(WORK_NAME, new Thumbnail(picture.toString())));
			return new Upload(picture, work);
		}
		catch (WorkRejectedException ex) {
			this.store.delete(picture);
			throw ex;
		}
	}

	/**
	 * Make the thumbnail of a stored picture: the handler of {@value #WORK_NAME} work.
	 * Not retried: a picture that cannot be decoded will not decode on a second try.
	 * @param request the picture
	 * @throws IOException if the picture cannot be read or the thumbnail written
	 */
	@BackgroundWorkHandler(value = WORK_NAME, maxRetries = 0, concurrency = 2)
	void make(Thumbnail request) throws IOException {
		Path picture = Path.of(request.picture());
		Thumbnails.write(picture, this.store.thumbnailOf(picture));
	}

	/**
	 * The payload of a thumbnail: which picture, as a path that Jackson writes as text.
	 *
	 * @param picture the stored picture's path
	 */
	public record Thumbnail(String picture) {

	}

	/**
	 * A stored picture whose thumbnail is queued.
	 *
	 * @param picture the stored file
	 * @param work the item that makes its thumbnail
	 */
	public record Upload(Path picture, WorkHandle work) {

	}

}
