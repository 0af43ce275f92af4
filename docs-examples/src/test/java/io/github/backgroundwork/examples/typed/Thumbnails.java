package io.github.backgroundwork.examples.typed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;

import org.springframework.stereotype.Component;

/**
 * A payload: the picture to make a thumbnail of. docs/typed-work.md shows this record and
 * the class after it, which stay next to each other; {@link TypedWorkTests} runs them.
 *
 * @param path the picture
 */
record Thumbnail(String path) {
}

@Component
class Thumbnails {

	@BackgroundWorkHandler(value = "thumbnail", maxRetries = 0, concurrency = 2)
	void make(Thumbnail request, WorkContext context) throws IOException {
		// A copy stands for the scaled-down picture
		Path picture = Path.of(request.path());
		Files.copy(picture, picture.resolveSibling("thumbnail-" + picture.getFileName()));
	}

}
