/**
 * The engine behind {@link io.github.backgroundwork.DefaultBackgroundWorkQueue}: its
 * pool, the life of one item, the registry of items and the shutdown sequence. Internal:
 * not an API, and may change in any release.
 */
@NullMarked
package io.github.backgroundwork.engine;

import org.jspecify.annotations.NullMarked;
