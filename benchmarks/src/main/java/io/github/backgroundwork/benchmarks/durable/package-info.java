/**
 * The durable benchmark: the queue's JDBC store against JobRunr OSS and db-scheduler on
 * one embedded PostgreSQL; run by {@code benchmarks/durable.sh}.
 */
@NullMarked
package io.github.backgroundwork.benchmarks.durable;

import org.jspecify.annotations.NullMarked;
