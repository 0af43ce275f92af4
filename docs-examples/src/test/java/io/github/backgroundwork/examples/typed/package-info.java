/**
 * Typed work: handlers, requests with keys and delays (the README and
 * docs/typed-work.md).
 */
@NullMarked
package io.github.backgroundwork.examples.typed;

import org.jspecify.annotations.NullMarked;
