package io.github.backgroundwork.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Checks made as values are bound, so that a bad value fails startup with the property
 * named.
 */
final class PropertyChecks {

	private PropertyChecks() {
	}

	static void atLeast(int value, int minimum, String property) {
		if (value < minimum) {
			throw new IllegalArgumentException(
					"background-work." + property + " must be at least " + minimum + ", was " + value);
		}
	}

	static void notNegative(@Nullable Duration value, String property) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException("background-work." + property + " must not be negative, was " + value);
		}
	}

}
