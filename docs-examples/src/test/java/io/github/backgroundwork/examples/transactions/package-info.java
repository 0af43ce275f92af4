/**
 * Enqueueing typed work inside the transaction that writes its data.
 */
@NullMarked
package io.github.backgroundwork.examples.transactions;

import org.jspecify.annotations.NullMarked;
