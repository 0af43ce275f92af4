package io.github.backgroundwork;

/**
 * What an operator's bulk action did.
 *
 * @param matched how many items matched its filter
 * @param changed how many of them it changed (an item may have ended, or been changed by
 * someone else, between the match and the change)
 * @since 0.1.0
 */
public record BulkResult(long matched, long changed) {

}
