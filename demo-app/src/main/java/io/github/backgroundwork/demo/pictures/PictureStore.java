package io.github.backgroundwork.demo.pictures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Keeps pictures as files in one directory, each thumbnail beside its picture.
 *
 * @since 0.1.0
 */
@Component
public class PictureStore implements DisposableBean {

	private static final Log logger = LogFactory.getLog(PictureStore.class);

	private static final String THUMBNAIL_SUFFIX = ".thumbnail.png";

	private final Path directory;

	private final boolean temporary;

	/**
	 * Create a store, and its directory if need be.
	 * @param properties where to keep the pictures
	 * @throws IOException if the directory cannot be created
	 */
	public PictureStore(PictureProperties properties) throws IOException {
		Path configured = properties.getDirectory();
		this.temporary = configured == null;
		this.directory = (configured != null) ? Files.createDirectories(configured).toAbsolutePath()
				: Files.createTempDirectory("background-work-demo-pictures-");
		logger.info("Pictures are stored in " + this.directory);
	}

	/**
	 * Return the directory that holds the pictures.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Store a picture under a new name.
	 * @param content the picture's content
	 * @param suffix the file suffix of its format, for example {@code png}
	 * @return the stored file
	 * @throws IOException if the picture cannot be written
	 */
	public Path save(InputStream content, String suffix) throws IOException {
		Path picture = this.directory.resolve(UUID.randomUUID() + "." + suffix);
		Files.copy(content, picture);
		return picture;
	}

	/**
	 * Return where a picture's thumbnail belongs: beside it.
	 * @param picture the stored picture
	 * @return the thumbnail's path, whether or not it exists yet
	 */
	public Path thumbnailOf(Path picture) {
		String name = picture.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return picture.resolveSibling(((dot > 0) ? name.substring(0, dot) : name) + THUMBNAIL_SUFFIX);
	}

	/**
	 * Return the stored pictures, newest first.
	 * @return the pictures, without their thumbnails
	 */
	public List<Path> list() {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter(PictureStore::isPicture)
				.sorted(Comparator.comparing(PictureStore::lastModified).reversed())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the pictures in " + this.directory, ex);
		}
	}

	/**
	 * Delete a picture and its thumbnail, if they exist.
	 * @param picture the stored picture
	 * @throws IOException if a file cannot be deleted
	 */
	public void delete(Path picture) throws IOException {
		Files.deleteIfExists(thumbnailOf(picture));
		Files.deleteIfExists(picture);
	}

	/**
	 * Delete the directory if it is a temporary one this store created.
	 * @throws IOException if it cannot be deleted
	 */
	@Override
	public void destroy() throws IOException {
		if (this.temporary) {
			FileSystemUtils.deleteRecursively(this.directory);
		}
	}

	private static boolean isPicture(Path file) {
		String name = file.getFileName().toString();
		return Files.isRegularFile(file) && !name.endsWith(THUMBNAIL_SUFFIX) && !name.endsWith(".part");
	}

	private static long lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
