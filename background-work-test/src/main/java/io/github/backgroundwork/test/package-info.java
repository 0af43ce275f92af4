/**
 * Helpers for testing applications that use the background work queue.
 */
@NullMarked
package io.github.backgroundwork.test;

import org.jspecify.annotations.NullMarked;
