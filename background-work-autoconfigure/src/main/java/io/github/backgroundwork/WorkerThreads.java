package io.github.backgroundwork;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the queue's worker threads. They inherit no inheritable thread-locals, so that
 * work never carries request-bound state from whichever thread happened to start a
 * worker, and they are daemons, so that work abandoned at shutdown cannot keep the JVM
 * alive.
 *
 * @since 0.1.0
 */
final class WorkerThreads {

	private WorkerThreads() {
	}

	/**
	 * Return a factory of worker threads.
	 * @param namePrefix the prefix of the threads' names, followed by a counter
	 * @param virtual whether to create virtual threads
	 * @return the factory
	 * @throws IllegalStateException if virtual threads are asked for before Java 21
	 */
	static ThreadFactory factory(String namePrefix, boolean virtual) {
		return virtual ? virtualThreadFactory(namePrefix) : platformThreadFactory(namePrefix);
	}

	private static ThreadFactory platformThreadFactory(String namePrefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(null, runnable, namePrefix + counter.incrementAndGet(), 0, false);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * {@code Thread.ofVirtual().name(prefix, 1).inheritInheritableThreadLocals(false)
	 * .factory()}, called reflectively because this library is compiled for Java 17.
	 */
	private static ThreadFactory virtualThreadFactory(String namePrefix) {
		if (Runtime.version().feature() < 21) {
			throw new IllegalStateException("Virtual threads need Java 21 or later; this is Java "
					+ Runtime.version().feature() + ". Set background-work.virtual-threads=false or run on Java 21+.");
		}
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, namePrefix, 1L);
			builder = builderType.getMethod("inheritInheritableThreadLocals", boolean.class).invoke(builder, false);
			Method factory = builderType.getMethod("factory");
			return (ThreadFactory) factory.invoke(builder);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not create a virtual thread factory", ex);
		}
	}

}
