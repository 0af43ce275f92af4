/**
 * Picture uploads and their thumbnails, made as background work.
 */
@NullMarked
package io.github.backgroundwork.demo.pictures;

import org.jspecify.annotations.NullMarked;
