package io.github.backgroundwork.observation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

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

	/**
	 * The MDC adapter last seen and its read-only map, looked up again when SLF4J's
	 * adapter changes: an accessor made while SLF4J initializes sees a stand-in first.
	 */
	private volatile Reader reader;

	MdcAccessor() {
		this.reader = Reader.of(MDC.getMDCAdapter());
	}

	/**
	 * Return {@code getPropertyMap()} of Logback's MDC, bound to it, or {@code null} for
	 * another MDC: looked up by name so that Logback stays optional.
	 */
	private static @Nullable MethodHandle readOnlyMap(@Nullable MDCAdapter adapter) {
		if (adapter == null || !adapter.getClass().getName().equals("ch.qos.logback.classic.util.LogbackMDCAdapter")) {
			return null;
		}
		try {
			return MethodHandles.publicLookup()
				.findVirtual(adapter.getClass(), "getPropertyMap", MethodType.methodType(Map.class))
				.bindTo(adapter);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public Object key() {
		return Slf4jThreadLocalAccessor.KEY;
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable Map<String, String> getValue() {
		MDCAdapter adapter = MDC.getMDCAdapter();
		Reader reader = this.reader;
		if (reader.adapter() != adapter) {
			reader = Reader.of(adapter);
			this.reader = reader;
		}
		MethodHandle readOnlyMap = reader.readOnlyMap();
		if (readOnlyMap != null) {
			try {
				return (Map<String, String>) readOnlyMap.invoke();
			}
			catch (Throwable ex) {
				// Not expected: read a copy as any other MDC
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

	private record Reader(@Nullable MDCAdapter adapter, @Nullable MethodHandle readOnlyMap) {

		static Reader of(@Nullable MDCAdapter adapter) {
			return new Reader(adapter, MdcAccessor.readOnlyMap(adapter));
		}

	}

}
