package io.github.backgroundwork.engine;

import java.time.Duration;
import java.util.List;

import io.github.backgroundwork.WhenFull;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.handler.WorkRetryPolicy;

/**
 * How an engine is configured; checked by the queue's builder.
 *
 * @param concurrency how many items may run at once
 * @param capacity how many items may wait
 * @param whenFull what enqueue does when the queue is full
 * @param blockTimeout how long enqueue waits for room with {@link WhenFull#BLOCK}
 * @param drainTimeout how long shutdown lets accepted work run
 * @param cancellationGrace how long shutdown waits after requesting cancellation
 * @param historySize how many finished items are kept
 * @param threadNamePrefix the prefix of the workers' names
 * @param virtualThreads whether workers are virtual threads
 * @param errorHandler what handles failures
 * @param decorators the decorators, outermost first
 * @param listeners the listeners
 * @param handlers the handlers of typed work
 * @param retryPolicy how typed work is retried
 * @param maxStackTrace the most characters of a failure's stack trace that snapshots show
 * (see {@link io.github.backgroundwork.WorkError#of(Throwable, int)})
 * @since 0.1.0
 */
public record EngineSettings(int concurrency, int capacity, WhenFull whenFull, Duration blockTimeout,
		Duration drainTimeout, Duration cancellationGrace, int historySize, String threadNamePrefix,
		boolean virtualThreads, WorkErrorHandler errorHandler, List<WorkDecorator> decorators,
		List<WorkListener> listeners, WorkHandlers handlers, WorkRetryPolicy retryPolicy, int maxStackTrace) {

	/**
	 * Create settings.
	 */
	public EngineSettings {
		decorators = List.copyOf(decorators);
		listeners = List.copyOf(listeners);
	}

	/**
	 * Create settings that keep stack traces of the default bound,
	 * {@link io.github.backgroundwork.WorkError#DEFAULT_MAX_STACK_TRACE}.
	 * @param concurrency how many items may run at once
	 * @param capacity how many items may wait
	 * @param whenFull what enqueue does when the queue is full
	 * @param blockTimeout how long enqueue waits for room with {@link WhenFull#BLOCK}
	 * @param drainTimeout how long shutdown lets accepted work run
	 * @param cancellationGrace how long shutdown waits after requesting cancellation
	 * @param historySize how many finished items are kept
	 * @param threadNamePrefix the prefix of the workers' names
	 * @param virtualThreads whether workers are virtual threads
	 * @param errorHandler what handles failures
	 * @param decorators the decorators, outermost first
	 * @param listeners the listeners
	 * @param handlers the handlers of typed work
	 * @param retryPolicy how typed work is retried
	 */
	public EngineSettings(int concurrency, int capacity, WhenFull whenFull, Duration blockTimeout,
			Duration drainTimeout, Duration cancellationGrace, int historySize, String threadNamePrefix,
			boolean virtualThreads, WorkErrorHandler errorHandler, List<WorkDecorator> decorators,
			List<WorkListener> listeners, WorkHandlers handlers, WorkRetryPolicy retryPolicy) {
		this(concurrency, capacity, whenFull, blockTimeout, drainTimeout, cancellationGrace, historySize,
				threadNamePrefix, virtualThreads, errorHandler, decorators, listeners, handlers, retryPolicy,
				io.github.backgroundwork.WorkError.DEFAULT_MAX_STACK_TRACE);
	}

}
