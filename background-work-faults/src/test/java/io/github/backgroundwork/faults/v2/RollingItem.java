package io.github.backgroundwork.faults.v2;

/**
 * A payload class that only the new version of the application has: the old instance's
 * classpath is built without this package.
 *
 * @param number the item's number, from 1
 * @param note what the new version added
 */
public record RollingItem(int number, String note) {

}
