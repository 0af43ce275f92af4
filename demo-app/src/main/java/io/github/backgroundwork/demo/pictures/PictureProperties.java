package io.github.backgroundwork.demo.pictures;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the demo's pictures.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("demo.pictures")
public class PictureProperties {

	/**
	 * Directory where uploaded pictures and their thumbnails are stored. Unset uses a new
	 * temporary directory.
	 */
	private @Nullable Path directory;

	/**
	 * Largest picture accepted for upload.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(5);

	public @Nullable Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable Path directory) {
		this.directory = directory;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		if (maxSize.toBytes() <= 0) {
			throw new IllegalArgumentException("demo.pictures.max-size must be positive, but was " + maxSize);
		}
		this.maxSize = maxSize;
	}

	/**
	 * Describe the size limit for people, in the largest unit that keeps it whole.
	 * @return for example {@code 5MB}
	 */
	public String describeMaxSize() {
		long bytes = this.maxSize.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return this.maxSize.toMegabytes() + "MB";
		}
		if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return this.maxSize.toKilobytes() + "KB";
		}
		return bytes + "B";
	}

}
