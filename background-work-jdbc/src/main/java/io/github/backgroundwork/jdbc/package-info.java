/**
 * Durable store of typed background work in the application's relational database.
 */
@NullMarked
package io.github.backgroundwork.jdbc;

import org.jspecify.annotations.NullMarked;
