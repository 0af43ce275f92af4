package io.github.backgroundwork.demo.pictures;

import org.jspecify.annotations.Nullable;

/**
 * A stored picture, as {@code GET /pictures} lists it.
 *
 * @param name the stored file's name
 * @param url where the picture can be fetched
 * @param size the picture's size in bytes
 * @param thumbnailUrl where its thumbnail can be fetched, or {@code null} while the
 * thumbnail is not made yet
 * @since 0.1.0
 */
public record Picture(String name, String url, long size, @Nullable String thumbnailUrl) {

}
