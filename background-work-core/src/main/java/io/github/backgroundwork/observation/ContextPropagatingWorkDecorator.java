package io.github.backgroundwork.observation;

import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkInfo;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * {@link WorkDecorator} that captures context on the enqueuing thread and restores it
 * around the work, with Micrometer's context-propagation library. By default it carries
 * the logging MDC and the current Micrometer observation, and nothing else: not the
 * security context, nor request attributes, because work outlives the request that
 * enqueued it. Give it a {@link ContextRegistry} of your own to carry more. The decorator
 * carries the thread locals the registry knows when the decorator is created; register
 * them before.
 * <p>
 * When none of them is set at enqueue, which is the common case, the item is left
 * undecorated: it costs a few reads at enqueue, and a few on the worker after the work,
 * which clear what the work left, so that the next item on that thread starts without it.
 * When some are set, they are set on the worker for the duration of the work, the others
 * the registry knows are cleared, and the worker's own values are back afterwards.
 *
 * @since 0.1.0
 */
public class ContextPropagatingWorkDecorator implements WorkDecorator, Ordered {

	/**
	 * The order of this decorator: early, so that decorators ordered after it see the
	 * enqueuing thread's context.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	private final CarriedContext context;

	/**
	 * Create a decorator that carries the {@linkplain #defaultContextRegistry() default}
	 * context.
	 */
	public ContextPropagatingWorkDecorator() {
		this(defaultContextRegistry());
	}

	/**
	 * Create a decorator that carries every thread local the given registry knows.
	 * @param contextRegistry the thread locals to carry
	 */
	public ContextPropagatingWorkDecorator(ContextRegistry contextRegistry) {
		this.context = new CarriedContext(
				contextRegistry.getThreadLocalAccessors().toArray(new ThreadLocalAccessor<?>[0]));
	}

	/**
	 * Return a registry of the logging MDC (SLF4J, when present; under the key of
	 * context-propagation's {@code Slf4jThreadLocalAccessor}, and read without a copy
	 * from Logback's MDC) and the current Micrometer observation (when present). Unlike
	 * {@link ContextRegistry#getInstance()}, it does not hold what other libraries
	 * register through {@code ServiceLoader}, such as Spring Security's context.
	 * @return a new registry
	 */
	public static ContextRegistry defaultContextRegistry() {
		ClassLoader classLoader = ContextPropagatingWorkDecorator.class.getClassLoader();
		ContextRegistry registry = new ContextRegistry();
		if (ClassUtils.isPresent("org.slf4j.MDC", classLoader)) {
			registry.registerThreadLocalAccessor(new MdcAccessor());
		}
		if (ClassUtils.isPresent("io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor",
				classLoader)) {
			ObservationAccessor.register(registry);
		}
		return registry;
	}

	/**
	 * Capture the enqueuing thread's values. When none is set, which is the common case
	 * (no MDC entry, no current observation), the item is left undecorated, and
	 * {@link #afterUndecorated(WorkInfo)} clears on the worker what the work left.
	 */
	@Override
	public Runnable decorate(WorkInfo item, Runnable execution) {
		CarriedContext context = this.context;
		@Nullable Object[] values = context.capture();
		if (values == null) {
			return execution;
		}
		return () -> context.runWith(values, execution);
	}

	/**
	 * Clear what work enqueued with nothing to carry left on the thread that ran it, so
	 * that the next item does not see it.
	 */
	@Override
	public void afterUndecorated(WorkInfo item) {
		this.context.clearLeftovers();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * Keeps micrometer-observation optional: loaded only when it is present.
	 */
	private static final class ObservationAccessor {

		static void register(ContextRegistry registry) {
			registry.registerThreadLocalAccessor(ObservationThreadLocalAccessor.getInstance());
		}

	}

}
