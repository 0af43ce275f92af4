/**
 * Handing work to the queue as lambdas: the README's first example and docs/usage.md's.
 */
@NullMarked
package io.github.backgroundwork.examples.usage;

import org.jspecify.annotations.NullMarked;
