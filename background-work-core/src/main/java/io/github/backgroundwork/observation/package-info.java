/**
 * Micrometer observations of background work, and the carrying of context (logging MDC,
 * the current observation) from the enqueuing thread to the work.
 */
@NullMarked
package io.github.backgroundwork.observation;

import org.jspecify.annotations.NullMarked;
