package io.github.backgroundwork.durable;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class a row may name without fitting any handler: it counts every static
 * initialization and construction, which reading a row must never cause.
 */
public final class Intruder {

	static {
		Intruders.INITIALIZED.incrementAndGet();
	}

	public Intruder() {
		Intruders.CONSTRUCTED.incrementAndGet();
	}

	/**
	 * The counts of {@link Intruder}, in a class of their own so that reading them does
	 * not initialize it.
	 */
	public static final class Intruders {

		/**
		 * How many times {@link Intruder} was initialized.
		 */
		public static final AtomicInteger INITIALIZED = new AtomicInteger();

		/**
		 * How many instances of {@link Intruder} were created.
		 */
		public static final AtomicInteger CONSTRUCTED = new AtomicInteger();

		private Intruders() {
		}

	}

}
