/**
 * Auto-configuration of the background work queue.
 */
@NullMarked
package io.github.backgroundwork.autoconfigure;

import org.jspecify.annotations.NullMarked;
