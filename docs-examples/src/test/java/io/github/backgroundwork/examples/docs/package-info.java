/**
 * Checks that keep the README and docs true to the code: every Java block is code the
 * build compiles, every property a block sets exists.
 */
@NullMarked
package io.github.backgroundwork.examples.docs;

import org.jspecify.annotations.NullMarked;
