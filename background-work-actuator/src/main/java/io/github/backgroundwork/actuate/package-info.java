/**
 * Actuator endpoint and health indicator of the background work queue.
 */
@NullMarked
package io.github.backgroundwork.actuate;

import org.jspecify.annotations.NullMarked;
