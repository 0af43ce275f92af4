/**
 * The examples of docs/recurring.md: recurring handlers.
 */
@NullMarked
package io.github.backgroundwork.examples.recurring;

import org.jspecify.annotations.NullMarked;
