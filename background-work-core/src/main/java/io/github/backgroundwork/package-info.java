/**
 * Engine of the background work queue: enqueue work, track it, drain it at shutdown.
 */
@NullMarked
package io.github.backgroundwork;

import org.jspecify.annotations.NullMarked;
