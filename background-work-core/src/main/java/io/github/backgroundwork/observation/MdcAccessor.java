package io.github.backgroundwork.observation;

import java.util.Map;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

import org.springframework.util.ClassUtils;

/**
 * The whole logging MDC, as {@link Slf4jThreadLocalAccessor} carries it, read without a
 * copy where the MDC offers one: Logback's MDC keeps a read-only copy of each thread's
 * map until the map changes ({@code getPropertyMap()}), so that a thread that enqueues
 * many items with one MDC hands them all the same copy, instead of copying the map for
 * each. Other MDCs are read with {@link MDC#getCopyOfContextMap()}. The worker's MDC is
 * set with {@link MDC#setContextMap(Map)}, which copies the map there, so that the work
 * can change it.
 */
final class MdcAccessor implements ThreadLocalAccessor<Map<String, String>> {

	private static final boolean logbackPresent = ClassUtils.isPresent("ch.qos.logback.classic.util.LogbackMDCAdapter",
			MdcAccessor.class.getClassLoader());

	@Override
	public Object key() {
		return Slf4jThreadLocalAccessor.KEY;
	}

	@Override
	public @Nullable Map<String, String> getValue() {
		MDCAdapter adapter = MDC.getMDCAdapter();
		if (logbackPresent) {
			Map<String, String> map = LogbackMdc.readOnlyMap(adapter);
			if (map != LogbackMdc.NOT_LOGBACK) {
				return map;
			}
		}
		return MDC.getCopyOfContextMap();
	}

	@Override
	public void setValue(Map<String, String> value) {
		MDC.setContextMap(value);
	}

	@Override
	public void setValue() {
		MDC.clear();
	}

	/**
	 * Keeps Logback optional: loaded only when it is present.
	 */
	private static final class LogbackMdc {

		static final Map<String, String> NOT_LOGBACK = Map.of();

		/**
		 * Return the read-only map of Logback's MDC, {@code null} if it is empty, or
		 * {@link #NOT_LOGBACK} for another MDC.
		 */
		static @Nullable Map<String, String> readOnlyMap(@Nullable MDCAdapter adapter) {
			return (adapter instanceof LogbackMDCAdapter logback) ? logback.getPropertyMap() : NOT_LOGBACK;
		}

	}

}
