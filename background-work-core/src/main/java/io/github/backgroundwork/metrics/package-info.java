/**
 * Micrometer meters of the background work queue.
 */
@NullMarked
package io.github.backgroundwork.metrics;

import org.jspecify.annotations.NullMarked;
