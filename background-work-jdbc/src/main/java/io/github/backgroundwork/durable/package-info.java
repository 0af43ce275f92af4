/**
 * Typed work kept in a {@link io.github.backgroundwork.jdbc.JdbcWorkStore}: stored at
 * enqueue, claimed by whichever instance has a free worker, and its outcome written back.
 */
@NullMarked
package io.github.backgroundwork.durable;

import org.jspecify.annotations.NullMarked;
