package io.github.backgroundwork.observation;

import java.util.Map;

import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * The thread locals of a fixed set of accessors: captured on the enqueuing thread, set
 * around the work on the worker and restored after it. It does what a
 * {@code ContextSnapshotFactory} with {@code clearMissing} does, at the price of what
 * there is to carry: nothing is allocated when nothing is set, and an accessor is touched
 * on the worker only if it has a value to set there, a value to hide, or a value the work
 * left behind to clear.
 */
final class CarriedContext {

	private final ThreadLocalAccessor<?>[] accessors;

	CarriedContext(ThreadLocalAccessor<?>[] accessors) {
		this.accessors = accessors;
	}

	/**
	 * Return the values of the enqueuing thread, by accessor, or {@code null} if none is
	 * set.
	 */
	@Nullable Object @Nullable [] capture() {
		ThreadLocalAccessor<?>[] accessors = this.accessors;
		Object[] values = null;
		for (int i = 0; i < accessors.length; i++) {
			Object value = value(accessors[i]);
			if (value != null) {
				if (values == null) {
					values = new Object[accessors.length];
				}
				values[i] = value;
			}
		}
		return values;
	}

	/**
	 * Clear every value of the accessors that the thread has: what work that ran without
	 * values set left behind. A worker has no value between items, so the common case
	 * costs a read per accessor and nothing else.
	 */
	void clearLeftovers() {
		for (int i = this.accessors.length - 1; i >= 0; i--) {
			restore(this.accessors[i], null, null);
		}
	}

	/**
	 * Run the execution with the given values set, and every other value of the accessors
	 * cleared; then restore what the thread had, and clear what the execution left
	 * behind.
	 * @param values the values by accessor, as {@link #capture()} returned them
	 * @param execution what to run
	 */
	void runWith(@Nullable Object[] values, Runnable execution) {
		ThreadLocalAccessor<?>[] accessors = this.accessors;
		// Only if the worker has values of its own, which it usually has not
		Object[] previous = null;
		int set = 0;
		try {
			for (; set < accessors.length; set++) {
				Object before = set(accessors[set], values[set]);
				if (before != null) {
					if (previous == null) {
						previous = new Object[accessors.length];
					}
					previous[set] = before;
				}
			}
			execution.run();
		}
		finally {
			// Backwards, so that scopes opened above close in the reverse order
			for (int i = set - 1; i >= 0; i--) {
				restore(accessors[i], values[i], (previous != null) ? previous[i] : null);
			}
		}
	}

	/**
	 * Set one value, or clear it if there is none to set and the thread has one; return
	 * the thread's value before.
	 */
	@SuppressWarnings("unchecked")
	private static <V> @Nullable Object set(ThreadLocalAccessor<V> accessor, @Nullable Object value) {
		Object previous = value(accessor);
		if (value != null) {
			accessor.setValue((V) value);
		}
		else if (previous != null) {
			accessor.setValue();
		}
		return previous;
	}

	/**
	 * Give the thread its value back: the previous one if it had one, none otherwise,
	 * clearing what was set or what the execution left.
	 */
	@SuppressWarnings("unchecked")
	private static <V> void restore(ThreadLocalAccessor<V> accessor, @Nullable Object value,
			@Nullable Object previous) {
		if (previous != null) {
			accessor.restore((V) previous);
		}
		else if (value != null || value(accessor) != null) {
			accessor.restore();
		}
	}

	/**
	 * Return the accessor's value, an empty MDC counting as none: Logback's MDC hands out
	 * an empty copy once a thread has used it, and there is nothing in it to carry.
	 */
	private static @Nullable Object value(ThreadLocalAccessor<?> accessor) {
		Object value = accessor.getValue();
		return (value != null && isEmptyMdc(accessor, value)) ? null : value;
	}

	private static boolean isEmptyMdc(ThreadLocalAccessor<?> accessor, Object value) {
		return value instanceof Map<?, ?> map && map.isEmpty() && Slf4jThreadLocalAccessor.KEY.equals(accessor.key());
	}

}
