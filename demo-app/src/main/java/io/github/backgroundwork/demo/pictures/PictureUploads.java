package io.github.backgroundwork.demo.pictures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Stores an uploaded picture and queues its thumbnail as an
 * {@link BackgroundWorkQueue#enqueueAsync asynchronous} item named {@value #WORK_NAME}.
 * The image is decoded on the application's task executor; the item stays in flight until
 * that is done, so the endpoint shows it and shutdown waits for it.
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

	private final AsyncTaskExecutor executor;

	/**
	 * Create the uploads.
	 * @param queue the queue that tracks thumbnail work
	 * @param store where pictures are kept
	 * @param executor the executor that decodes and scales images; Spring Boot's
	 * {@code applicationTaskExecutor}
	 */
	public PictureUploads(BackgroundWorkQueue queue, PictureStore store, AsyncTaskExecutor executor) {
		this.queue = queue;
		this.store = store;
		this.executor = executor;
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
			WorkHandle work = this.queue.enqueueAsync(WORK_NAME, (context) -> makeThumbnail(picture, context));
			return new Upload(picture, work);
		}
		catch (WorkRejectedException ex) {
			this.store.delete(picture);
			throw ex;
		}
	}

	private CompletionStage<?> makeThumbnail(Path picture, WorkContext context) {
		CompletableFuture<?> thumbnail = this.executor.submitCompletable(() -> {
			Thumbnails.write(picture, this.store.thumbnailOf(picture));
			return null;
		});
		context.onCancellation(() -> thumbnail.cancel(false));
		return thumbnail;
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
