package io.github.backgroundwork.engine;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue's worker threads: {@code concurrency} of them, started when the queue starts
 * and gone when it stops. They inherit no inheritable thread-locals, so that work never
 * carries request-bound state from whichever thread happened to start a worker, and they
 * are daemons, so that work abandoned at shutdown cannot keep the JVM alive.
 */
final class Workers {

	private final ThreadFactory threadFactory;

	private final int count;

	private final List<Thread> threads = new ArrayList<>();

	Workers(String namePrefix, boolean virtual, int count) {
		this.threadFactory = virtual ? virtualThreadFactory(namePrefix) : platformThreadFactory(namePrefix);
		this.count = count;
	}

	synchronized void start(Runnable loop) {
		this.threads.clear();
		for (int i = 0; i < this.count; i++) {
			Thread thread = this.threadFactory.newThread(loop);
			this.threads.add(thread);
			thread.start();
		}
	}

	/**
	 * Interrupt every worker, for work still running at the final deadline.
	 */
	synchronized void interrupt() {
		this.threads.forEach(Thread::interrupt);
	}

	/**
	 * Wait a bounded time for the workers to return.
	 * @param millis how long to wait in all
	 */
	synchronized void join(long millis) {
		long deadline = System.nanoTime() + millis * 1_000_000;
		try {
			for (Thread thread : this.threads) {
				long remaining = (deadline - System.nanoTime()) / 1_000_000;
				if (remaining <= 0) {
					return;
				}
				thread.join(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
