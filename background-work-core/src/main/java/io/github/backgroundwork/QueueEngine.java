package io.github.backgroundwork;

import java.util.function.Supplier;

import io.github.backgroundwork.engine.DurableWork;
import io.github.backgroundwork.engine.WorkEngine;
import org.jspecify.annotations.Nullable;

/**
 * The engine of a {@link DefaultBackgroundWorkQueue} and its durable side, built when the
 * queue first needs them: at once when its builder defers nothing, otherwise when the
 * queue starts or the first work is enqueued, whichever comes first. Deferred
 * configuration looks beans up (decorators, listeners, customizers), and looking them up
 * while the queue bean itself is being created would close a cycle through any bean that
 * both needs the queue and declares one of them.
 * <p>
 * Until then the queue holds no item, and an engine that never holds one answers
 * inspection. A queue stopped before it was ever built refuses work as any stopped queue
 * does, with that engine, rather than look beans up while the context closes.
 */
final class QueueEngine {

	/**
	 * What the queue delegates to.
	 *
	 * @param engine the engine
	 * @param durableWork the durable store's side, if work is stored
	 */
	record Built(WorkEngine engine, @Nullable DurableWork durableWork) {
	}

	private final Object lock = new Object();

	private final @Nullable Supplier<Built> factory;

	private final @Nullable Built idle;

	private volatile @Nullable Built built;

	/**
	 * Whether the queue was stopped before it was built and not started since.
	 */
	private boolean stoppedUnbuilt;

	private QueueEngine(@Nullable Supplier<Built> factory, @Nullable Built idle, @Nullable Built built) {
		this.factory = factory;
		this.idle = idle;
		this.built = built;
	}

	/**
	 * Return an engine built already.
	 */
	static QueueEngine of(Built built) {
		return new QueueEngine(null, null, built);
	}

	/**
	 * Return an engine built on first need.
	 * @param factory builds it, running the deferred configuration; called once, unless
	 * it throws
	 * @param idle an engine that holds no item, for inspection meanwhile; never started
	 */
	static QueueEngine deferred(Supplier<Built> factory, WorkEngine idle) {
		return new QueueEngine(factory, new Built(idle, null), null);
	}

	/**
	 * Return what takes work, built now if need be.
	 */
	Built forWork() {
		Built built = this.built;
		return (built != null) ? built : build(false);
	}

	/**
	 * Return what starts, built now if need be.
	 */
	Built forStart() {
		Built built = this.built;
		return (built != null) ? built : build(true);
	}

	/**
	 * Return what answers inspection: the engine if it is built, an empty one otherwise.
	 */
	Built forInspection() {
		Built built = this.built;
		return (built != null) ? built : idle();
	}

	/**
	 * Return the engine if built; otherwise mark the queue stopped, so that work enqueued
	 * until it starts is refused, and return the idle engine to stop.
	 */
	Built forStop() {
		Built built = this.built;
		if (built != null) {
			return built;
		}
		synchronized (this.lock) {
			if (this.built != null) {
				return this.built;
			}
			this.stoppedUnbuilt = true;
			return idle();
		}
	}

	/**
	 * Return the engine if built.
	 */
	@Nullable Built ifBuilt() {
		return this.built;
	}

	private Built build(boolean starting) {
		synchronized (this.lock) {
			Built built = this.built;
			if (built != null) {
				return built;
			}
			if (this.stoppedUnbuilt && !starting) {
				return idle();
			}
			if (this.factory == null) {
				throw new IllegalStateException("No engine to build");
			}
			built = this.factory.get();
			this.built = built;
			return built;
		}
	}

	private Built idle() {
		if (this.idle == null) {
			throw new IllegalStateException("No idle engine");
		}
		return this.idle;
	}

}
