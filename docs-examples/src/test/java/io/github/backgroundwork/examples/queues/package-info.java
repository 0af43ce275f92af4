/**
 * Queues of one's own, a customizer for all of them, and stored work claimed by its own
 * queue (docs/several-queues.md).
 */
@NullMarked
package io.github.backgroundwork.examples.queues;

import org.jspecify.annotations.NullMarked;
