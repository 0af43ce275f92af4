package io.github.backgroundwork.handler;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkRequest;
import org.jspecify.annotations.Nullable;

/**
 * The {@link BackgroundWorkHandler} methods of an application, by name. Lookups are a
 * hash map read; the application context fills the registry as its beans are created (see
 * {@link WorkHandlerBeanPostProcessor}).
 *
 * @since 0.1.0
 */
public final class WorkHandlers {

	private final Map<String, WorkHandlerMethod> byName = new ConcurrentHashMap<>();

	private volatile boolean discoveryComplete;

	WorkHandlers() {
	}

	/**
	 * Create a registry of the handler methods of the given objects, for use without an
	 * application context (tests, a queue built by hand).
	 * @param beans the objects whose {@link BackgroundWorkHandler} methods to register
	 * @return the registry, complete
	 * @throws IllegalStateException if a method has the wrong shape or two handle one
	 * name
	 */
	public static WorkHandlers of(Object... beans) {
		WorkHandlers handlers = new WorkHandlers();
		for (Object bean : beans) {
			WorkHandlerMethod.detect(bean, bean.getClass().getSimpleName()).forEach(handlers::register);
		}
		handlers.discoveryComplete();
		return handlers;
	}

	/**
	 * Find the handler of a name.
	 * @param name the work's name
	 * @return the handler, or {@code null} if there is none
	 */
	public @Nullable WorkHandlerMethod find(String name) {
		return this.byName.get(name);
	}

	/**
	 * Return the handler of a name, which must exist.
	 * @param name the work's name
	 * @return the handler
	 * @throws IllegalArgumentException if no handler has that name, naming it and the
	 * known names
	 */
	public WorkHandlerMethod get(String name) {
		WorkHandlerMethod handler = this.byName.get(name);
		if (handler == null) {
			throw new IllegalArgumentException(unknown(name));
		}
		return handler;
	}

	/**
	 * Return the handler that runs a request, after checking that it takes the request's
	 * payload: the one call to make at enqueue.
	 * @param request the request
	 * @return the handler
	 * @throws IllegalArgumentException if no handler has the request's name, or if the
	 * payload's type does not fit the handler's parameter
	 */
	public WorkHandlerMethod handlerFor(WorkRequest request) {
		WorkHandlerMethod handler = get(request.name());
		handler.checkPayload(request.payload());
		return handler;
	}

	/**
	 * Return the names that have a handler.
	 * @return the names, sorted
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(new TreeSet<>(this.byName.keySet()));
	}

	/**
	 * Return the handlers whose annotation makes their work recur.
	 * @return the recurring handlers by name, sorted
	 */
	public Map<String, WorkHandlerMethod> recurring() {
		Map<String, WorkHandlerMethod> recurring = new TreeMap<>();
		this.byName.forEach((name, handler) -> {
			if (handler.isRecurring()) {
				recurring.put(name, handler);
			}
		});
		return Collections.unmodifiableMap(recurring);
	}

	/**
	 * Add a handler.
	 * @param handler the handler
	 * @throws IllegalStateException if another handler has the same name, naming both
	 */
	void register(WorkHandlerMethod handler) {
		WorkHandlerMethod existing = this.byName.putIfAbsent(handler.name(), handler);
		if (existing != null) {
			String hint = existing.isSameMethodAs(handler) ? "; a handler's bean must be a singleton" : "";
			throw new IllegalStateException("Background work '" + handler.name() + "' has two handlers: "
					+ existing.describeWithBean() + " and " + handler.describeWithBean() + hint);
		}
	}

	/**
	 * Note that every singleton has been created, so every handler is known.
	 */
	void discoveryComplete() {
		this.discoveryComplete = true;
	}

	private String unknown(String name) {
		Set<String> names = names();
		String known = names.isEmpty() ? "there are none" : "known handlers: " + String.join(", ", names);
		String starting = this.discoveryComplete ? ""
				: " (the application is still starting: a handler is found when its bean is created)";
		return "No @BackgroundWorkHandler for background work '" + name + "'; " + known + starting;
	}

}
