package io.github.backgroundwork.faults;

/**
 * The size of the run: short inside {@code ./mvnw verify} (one repetition, a few hundred
 * items, fewer faults), full with {@code -Pfaults-full} ({@code -Dfaults.full=true}:
 * three repetitions, thousands of items).
 */
final class FaultSize {

	static final boolean FULL = Boolean.getBoolean("faults.full");

	private FaultSize() {
	}

	static int repetitions() {
		return FULL ? 3 : 1;
	}

	static int pick(int quick, int full) {
		return FULL ? full : quick;
	}

}
