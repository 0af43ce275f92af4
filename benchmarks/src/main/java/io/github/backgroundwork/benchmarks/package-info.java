/**
 * JMH benchmarks and measurements of the background work queue against the JDK's and
 * Spring's thread pool executors; run by {@code benchmarks/run.sh}.
 */
@NullMarked
package io.github.backgroundwork.benchmarks;

import org.jspecify.annotations.NullMarked;
