/**
 * Typed work's handlers: finding them at startup, calling them, and the retries of their
 * failed runs.
 */
@NullMarked
package io.github.backgroundwork.handler;

import org.jspecify.annotations.NullMarked;
