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
	 * Wrap a new item's execution in the decorators, on the enqueuing thread.
	 */
	void decorate(WorkItem item) {
		if (this.decorators.isEmpty()) {
			return;
		}
		DecoratedWork decorated = new DecoratedWork(this, item, item.work);
		Runnable execution = decorated;
		for (int i = this.decorators.size() - 1; i >= 0; i--) {
			execution = this.decorators.get(i).decorate(item, execution);
		}
		decorated.execution = execution;
		item.work = decorated;
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
		if (!(work instanceof DecoratedWork decorated)) {
			if (work instanceof AsyncBackgroundWork async) {
				executeAsync(item, async);
				return false;
			}
			Throwable failure;
			if (work instanceof TypedWork typed) {
				if (typed.handler.returnsCompletionStage()) {
					executeTypedAsync(item, typed);
					return false;
				}
				failure = executeTyped(item, typed);
			}
			else {
				failure = execute(item, (BackgroundWork) work);
			}
			item.executionEnded();
			outcome.set(item, failure);
			return true;
		}
		boolean async = isAsync(decorated.work);
		// A retry runs the same decorated execution again
		decorated.ran = false;
		decorated.failure = null;
		Throwable decoratorFailure = null;
		try {
			decorated.execution.run();
		}
		catch (Throwable ex) {
			// Only a decorator gets here: the work's own failures are caught below
			decoratorFailure = ex;
		}
		if (!async || !decorated.ran) {
			// Asynchronous work that started executes until its stage completes
			item.executionEnded();
		}
		if (decoratorFailure == null && !decorated.ran) {
			decoratorFailure = new IllegalStateException("A WorkDecorator returned without running background work '"
					+ item.name() + "' (" + item.id() + ")");
		}
		if (async) {
			if (decoratorFailure != null) {
				item.dispatcher.settle(item, outcome(item, decoratorFailure), decoratorFailure);
			}
			return false;
		}
		outcome.set(item, (decoratorFailure != null) ? decoratorFailure : decorated.failure);
		return true;
	}

	/**
	 * Run the work of a decorated item, when the decorators' execution runs it.
	 */
	void executeDecorated(WorkItem item, DecoratedWork decorated) {
		decorated.ran = true;
		Object work = decorated.work;
		if (work instanceof AsyncBackgroundWork async) {
			executeAsync(item, async);
		}
		else if (work instanceof TypedWork typed) {
			if (typed.handler.returnsCompletionStage()) {
				executeTypedAsync(item, typed);
			}
			else {
				decorated.failure = executeTyped(item, typed);
			}
		}
		else {
			decorated.failure = execute(item, (BackgroundWork) work);
		}
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
