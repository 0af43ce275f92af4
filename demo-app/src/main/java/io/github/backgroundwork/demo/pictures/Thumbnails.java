package io.github.backgroundwork.demo.pictures;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Image work done with the JDK's {@code javax.imageio}: telling whether bytes are an
 * image, and scaling one down to a thumbnail.
 *
 * @since 0.1.0
 */
public final class Thumbnails {

	/**
	 * Width of every thumbnail, in pixels.
	 */
	public static final int WIDTH = 250;

	private Thumbnails() {
	}

	/**
	 * Return the file suffix of the image format the content starts with, reading only
	 * its header.
	 * @param content the content, read but not closed
	 * @return the suffix (for example {@code png} or {@code jpg}), or empty if no
	 * installed image reader recognises the content
	 * @throws IOException if the content cannot be read
	 */
	public static Optional<String> formatOf(InputStream content) throws IOException {
		try (ImageInputStream image = new MemoryCacheImageInputStream(content)) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(image);
			if (!readers.hasNext()) {
				return Optional.empty();
			}
			ImageReader reader = readers.next();
			try {
				String[] suffixes = reader.getOriginatingProvider().getFileSuffixes();
				return Optional.of((suffixes.length > 0) ? suffixes[0] : reader.getFormatName());
			}
			finally {
				reader.dispose();
			}
		}
	}

	/**
	 * Write a PNG thumbnail {@value #WIDTH} pixels wide, keeping the picture's aspect
	 * ratio. The thumbnail appears whole or not at all.
	 * @param picture the picture
	 * @param thumbnail where to write the thumbnail
	 * @throws IOException if the picture cannot be read as an image or the thumbnail
	 * cannot be written
	 */
	public static void write(Path picture, Path thumbnail) throws IOException {
		BufferedImage image = ImageIO.read(picture.toFile());
		if (image == null) {
			throw new IOException("'" + picture.getFileName() + "' is not an image that javax.imageio can read");
		}
		int height = Math.max(1, (int) Math.round((double) image.getHeight() * WIDTH / image.getWidth()));
		BufferedImage scaled = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = scaled.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(image, 0, 0, WIDTH, height, null);
		}
		finally {
			graphics.dispose();
		}
		Path partial = thumbnail.resolveSibling(thumbnail.getFileName() + ".part");
		ImageIO.write(scaled, "png", partial.toFile());
		Files.move(partial, thumbnail, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

}
