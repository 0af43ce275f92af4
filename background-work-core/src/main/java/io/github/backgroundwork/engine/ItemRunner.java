package io.github.backgroundwork.engine;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.github.backgroundwork.AsyncBackgroundWork;
import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

/**
 * Runs one item's work on the current thread and decides how the item ended: the rules
 * for success, failure, cancellation and stopping at shutdown live here and nowhere else.
 * It does not settle the item: the {@link Dispatcher} does, under its lock. It says when
 * the work stops executing ({@link WorkItem#executionEnded()}), before the item settles.
 */
final class ItemRunner {

	private final WorkEvents events;

	private final List<WorkDecorator> decorators;

	ItemRunner(WorkEvents events, List<WorkDecorator> decorators) {
		this.events = events;
		this.decorators = List.copyOf(decorators);
		if (this.decorators.size() > Long.SIZE) {
			throw new IllegalArgumentException(
					"A queue takes at most " + Long.SIZE + " WorkDecorators, got " + this.decorators.size());
		}
	}

	/**
	 * How a synchronous item ended; one per worker, reused.
	 */
	static final class Outcome {

		WorkState state = WorkState.SUCCEEDED;

		@Nullable Throwable failure;

		void set(WorkItem item, @Nullable Throwable failure) {
			this.state = outcome(item, failure);
			this.failure = (this.state == WorkState.FAILED) ? failure : null;
		}

	}

	/**
	 * Wrap a new item's execution in the decorators, on the enqueuing thread. When none
	 * wraps it, the item keeps its work as it is, and runs as if there were no
	 * decorators.
	 */
	void decorate(WorkItem item) {
		List<WorkDecorator> decorators = this.decorators;
		if (decorators.isEmpty()) {
			return;
		}
		DecoratedWork decorated = new DecoratedWork(this, item, item.work);
		Runnable execution = decorated;
		long undecorated = 0;
		for (int i = decorators.size() - 1; i >= 0; i--) {
			Runnable decoration = decorators.get(i).decorate(item, execution);
			if (decoration == execution) {
				undecorated |= 1L << i;
			}
			execution = decoration;
		}
		if (execution != decorated) {
			decorated.execution = execution;
			decorated.undecorated = undecorated;
			item.work = decorated;
		}
	}

	/**
	 * Run a taken item.
	 * @param item the item
	 * @param outcome where to say how a synchronous item ended
	 * @param now the time it starts
	 * @return {@code true} if the item ran synchronously and {@code outcome} says how it
	 * ended; {@code false} if there is nothing for this thread to settle: the item is
	 * asynchronous and its stage settles it, or it was abandoned before it began
	 */
	boolean run(WorkItem item, Outcome outcome, long now) {
		Object work = item.work;
		if (work == null || !item.begin(now)) {
			return false;
		}
		this.events.started(item);
		if (item.isCancellationRequested()) {
			item.executionEnded();
			outcome.set(item, null);
			return true;
		}
		boolean ran;
		Throwable failure;
		// What a decorator threw, or its missing call of the work: it fails the item
		Throwable decoratorFailure = null;
		boolean async;
		if (work instanceof DecoratedWork decorated) {
			async = isAsync(decorated.work);
			// A retry runs the same decorated execution again
			decorated.ran = false;
			decorated.failure = null;
			try {
				decorated.execution.run();
			}
			catch (Throwable ex) {
				// Only a decorator gets here: the work's own failures are caught below
				decoratorFailure = ex;
			}
			if (decorated.undecorated != 0) {
				decoratorFailure = afterUndecorated(item, decorated.undecorated, decoratorFailure);
			}
			ran = decorated.ran;
			failure = decorated.failure;
			if (decoratorFailure == null && !ran) {
				decoratorFailure = new IllegalStateException(
						"A WorkDecorator returned without running background work '" + item.name() + "' (" + item.id()
								+ ")");
			}
		}
		else {
			async = isAsync(work);
			failure = executeWork(item, work);
			ran = true;
			if (!this.decorators.isEmpty()) {
				// No decorator wrapped it: each cleans up after it
				decoratorFailure = afterUndecorated(item, -1L, null);
			}
		}
		if (!async || !ran) {
			// Asynchronous work that started executes until its stage completes
			item.executionEnded();
		}
		if (async) {
			if (decoratorFailure != null) {
				item.dispatcher.settle(item, outcome(item, decoratorFailure), decoratorFailure);
			}
			return false;
		}
		outcome.set(item, (decoratorFailure != null) ? decoratorFailure : failure);
		return true;
	}

	/**
	 * Run the work of a decorated item, when the decorators' execution runs it.
	 */
	void executeDecorated(WorkItem item, DecoratedWork decorated) {
		decorated.ran = true;
		decorated.failure = executeWork(item, decorated.work);
	}

	/**
	 * Run synchronous work, or start asynchronous work, on this thread.
	 * @return what synchronous work threw
	 */
	private @Nullable Throwable executeWork(WorkItem item, Object work) {
		if (work instanceof AsyncBackgroundWork async) {
			executeAsync(item, async);
			return null;
		}
		if (work instanceof TypedWork typed) {
			if (typed.handler.returnsCompletionStage()) {
				executeTypedAsync(item, typed);
				return null;
			}
			return executeTyped(item, typed);
		}
		return execute(item, (BackgroundWork) work);
	}

	/**
	 * Call {@link WorkDecorator#afterUndecorated} of the decorators that left the item
	 * undecorated, innermost first, each even if one before it threw.
	 * @param undecorated the decorators, one bit per index
	 * @param failure what failed before, to which later failures are added
	 * @return the first failure
	 */
	private @Nullable Throwable afterUndecorated(WorkItem item, long undecorated, @Nullable Throwable failure) {
		List<WorkDecorator> decorators = this.decorators;
		for (int i = decorators.size() - 1; i >= 0; i--) {
			if ((undecorated & (1L << i)) != 0) {
				try {
					decorators.get(i).afterUndecorated(item);
				}
				catch (Throwable ex) {
					if (failure == null) {
						failure = ex;
					}
					else if (failure != ex) {
						failure.addSuppressed(ex);
					}
				}
			}
		}
		return failure;
	}

	private static boolean isAsync(Object work) {
		return work instanceof AsyncBackgroundWork
				|| (work instanceof TypedWork typed && typed.handler.returnsCompletionStage());
	}

	private static @Nullable Throwable executeTyped(WorkItem item, TypedWork typed) {
		try {
			typed.handler.invoke(typed.request.payload(), new ItemContext(item));
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	private void executeTypedAsync(WorkItem item, TypedWork typed) {
		executeAsync(item, (context) -> {
			CompletionStage<?> stage = typed.handler.invoke(typed.request.payload(), context);
			if (stage == null) {
				throw new IllegalStateException("@BackgroundWorkHandler " + typed.handler + " returned a null stage");
			}
			return stage;
		});
	}

	private static @Nullable Throwable execute(WorkItem item, BackgroundWork work) {
		try {
			work.run(new ItemContext(item));
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	private void executeAsync(WorkItem item, AsyncBackgroundWork work) {
		CompletionStage<?> stage;
		try {
			stage = work.start(new ItemContext(item));
		}
		catch (Throwable ex) {
			item.executionEnded();
			settleAsync(item, ex);
			return;
		}
		if (stage == null) {
			item.executionEnded();
			settleAsync(item, new IllegalStateException(
					"AsyncBackgroundWork '" + item.name() + "' (" + item.id() + ") returned a null CompletionStage"));
			return;
		}
		item.extras().stage = stage;
		stage.whenComplete((result, ex) -> {
			item.executionEnded();
			settleAsync(item, (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex);
		});
	}

	private static void settleAsync(WorkItem item, @Nullable Throwable failure) {
		WorkState state = outcome(item, failure);
		item.dispatcher.settle(item, state, (state == WorkState.FAILED) ? failure : null);
	}

	/**
	 * Decide how an item whose work ended ended. Work the shutdown asked to stop is
	 * abandoned whatever it returned or threw: it stopped because the queue stops, not
	 * because it failed or was cancelled, so a durable store runs it again and no retry
	 * or error handler sees it.
	 */
	static WorkState outcome(WorkItem item, @Nullable Throwable failure) {
		if (item.isStoppedByShutdown()) {
			return WorkState.ABANDONED;
		}
		if (failure == null) {
			return item.isCancellationRequested() ? WorkState.CANCELLED : WorkState.SUCCEEDED;
		}
		if (item.isCancellationRequested()
				&& (failure instanceof CancellationException || failure instanceof InterruptedException)) {
			return WorkState.CANCELLED;
		}
		return WorkState.FAILED;
	}

}
