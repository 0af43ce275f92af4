/**
 * Enqueueing lambda work after the commit of the transaction that wrote its data
 * (docs/usage.md).
 */
@NullMarked
package io.github.backgroundwork.examples.aftercommit;

import org.jspecify.annotations.NullMarked;
