/**
 * A command-line application that waits for its background work before it exits
 * (docs/usage.md).
 */
@NullMarked
package io.github.backgroundwork.examples.export;

import org.jspecify.annotations.NullMarked;
