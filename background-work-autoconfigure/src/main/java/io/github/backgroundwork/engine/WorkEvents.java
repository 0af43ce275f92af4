package io.github.backgroundwork.engine;

import java.util.List;

import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkRejectedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells the queue's {@link WorkListener listeners} and its {@link WorkErrorHandler} what
 * happens to items. A listener or handler that throws is logged and otherwise ignored.
 */
final class WorkEvents {

	private static final Log logger = LogFactory.getLog(WorkEvents.class);

	private enum Kind {

		STARTED, FINISHED, REJECTED, ABANDONED

	}

	private final WorkListener[] listeners;

	private final WorkErrorHandler errorHandler;

	WorkEvents(List<WorkListener> listeners, WorkErrorHandler errorHandler) {
		this.listeners = listeners.toArray(new WorkListener[0]);
		this.errorHandler = errorHandler;
	}

	void started(WorkInfo item) {
		notify(Kind.STARTED, item, null, null);
	}

	void finished(WorkInfo item) {
		notify(Kind.FINISHED, item, null, null);
	}

	void rejected(String name, WorkRejectedException ex) {
		notify(Kind.REJECTED, name, ex, null);
	}

	void retrying(WorkInfo item, Throwable failure, java.time.Duration delay) {
		for (WorkListener listener : this.listeners) {
			try {
				listener.onRetrying(item, failure, delay);
			}
			catch (Throwable ex) {
				logger.warn("WorkListener " + listener + " failed on retrying event", ex);
			}
		}
	}

	void abandoned(List<WorkItemSnapshot> items) {
		notify(Kind.ABANDONED, null, null, items);
	}

	void failed(WorkInfo item, Throwable failure) {
		try {
			this.errorHandler.handleError(item, failure);
		}
		catch (Throwable ex) {
			logger.error("WorkErrorHandler failed on background work '" + item.name() + "' (" + item.id() + ")", ex);
		}
	}

	private void notify(Kind kind, @org.jspecify.annotations.Nullable Object subject,
			@org.jspecify.annotations.Nullable WorkRejectedException rejection,
			@org.jspecify.annotations.Nullable List<WorkItemSnapshot> items) {
		for (WorkListener listener : this.listeners) {
			try {
				switch (kind) {
					case STARTED -> listener.onStarted((WorkInfo) subject);
					case FINISHED -> listener.onFinished((WorkInfo) subject);
					case REJECTED -> listener.onRejected((String) subject, rejection);
					case ABANDONED -> listener.onAbandoned(items);
				}
			}
			catch (Throwable ex) {
				logger.warn("WorkListener " + listener + " failed on " + kind.name().toLowerCase() + " event", ex);
			}
		}
	}

}
