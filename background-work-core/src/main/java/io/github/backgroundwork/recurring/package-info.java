/**
 * Recurring work: typed work that runs once per due time of a cron expression or an
 * interval, each due time one item keyed by name and due time.
 */
@NullMarked
package io.github.backgroundwork.recurring;

import org.jspecify.annotations.NullMarked;
