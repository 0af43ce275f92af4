package io.github.backgroundwork.demo.pictures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Stores an uploaded picture and queues its thumbnail as typed work named
 * {@value #WORK_NAME} on the demo's {@code pictureQueue}: a {@link Thumbnail} request for
 * the {@link Thumbnailer}. The image is decoded and scaled on one of that queue's own two
 * workers, so a thumbnail never waits behind a mailing (one queue takes its items in one
 * first-in-first-out order, whatever their names), and shutdown waits for them. An item
 * cancelled before it starts never runs.
 *
 * @since 0.1.0
 */
@Service
public class PictureUploads {

	/**
	 * The name of the work item that makes a thumbnail.
	 */
	public static final String WORK_NAME = "thumbnail";

	/**
	 * The bean name of the queue that makes the thumbnails.
	 */
	public static final String QUEUE = "pictureQueue";

	private final BackgroundWorkQueue queue;

	private final PictureStore store;

	/**
	 * Create the uploads.
	 * @param queue the queue whose workers make the thumbnails
	 * @param store where pictures are kept
	 */
	public PictureUploads(@Qualifier(QUEUE) BackgroundWorkQueue queue, PictureStore store) {
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
