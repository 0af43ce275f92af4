package io.github.backgroundwork.engine;

import org.jspecify.annotations.Nullable;

/**
 * An item's work with what the decorators made of its execution. It is itself the
 * innermost execution, the one the decorators wrap, so that decorating an item costs one
 * object besides what the decorators make: the worker runs {@link #execution}, which runs
 * this, which runs the work. An item that no decorator wrapped has none.
 */
final class DecoratedWork implements Runnable {

	final Object work;

	private final WorkItem item;

	private final ItemRunner runner;

	/**
	 * The decorators' execution; this until they have decorated it.
	 */
	Runnable execution = this;

	/**
	 * Whether the decorators ran the work in the current attempt, and what synchronous
	 * work threw: written and read by the thread that runs the item.
	 */
	boolean ran;

	@Nullable Throwable failure;

	/**
	 * The decorators that returned the execution unchanged, one bit per index: each
	 * cleans up after the work ({@code WorkDecorator.afterUndecorated}).
	 */
	long undecorated;

	DecoratedWork(ItemRunner runner, WorkItem item, Object work) {
		this.runner = runner;
		this.item = item;
		this.work = work;
	}

	@Override
	public void run() {
		this.runner.executeDecorated(this.item, this);
	}

}
