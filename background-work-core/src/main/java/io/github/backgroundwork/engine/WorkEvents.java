package io.github.backgroundwork.engine;

import java.time.Duration;
import java.util.List;

import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkRejectedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells the queue's {@link WorkListener listeners} and its {@link WorkErrorHandler} what
 * happens to items. A listener or handler that throws is logged and otherwise ignored.
 */
final class WorkEvents {

	private static final Log logger = LogFactory.getLog(WorkEvents.class);

	private enum Kind {

		STARTED, FINISHED, REJECTED, RETRYING, ABANDONED, HANDED_BACK

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

	void retrying(WorkInfo item, Throwable failure, Duration delay) {
		notify(Kind.RETRYING, item, failure, delay);
	}

	void abandoned(List<WorkItemSnapshot> items) {
		notify(Kind.ABANDONED, null, items, null);
	}

	void handedBack(List<WorkItemSnapshot> items) {
		notify(Kind.HANDED_BACK, null, items, null);
	}

	void failed(WorkInfo item, Throwable failure) {
		try {
			this.errorHandler.handleError(item, failure);
		}
		catch (Throwable ex) {
			logger.error("WorkErrorHandler failed on background work '" + item.name() + "' (" + item.id() + ")", ex);
		}
	}

	/**
	 * The one loop over the listeners: an event's arguments, by kind, without a lambda
	 * per event on the hot path.
	 */
	@SuppressWarnings("unchecked")
	private void notify(Kind kind, @Nullable Object subject, @Nullable Object argument, @Nullable Object more) {
		for (WorkListener listener : this.listeners) {
			try {
				switch (kind) {
					case STARTED -> listener.onStarted((WorkInfo) subject);
					case FINISHED -> listener.onFinished((WorkInfo) subject);
					case REJECTED -> listener.onRejected((String) subject, (WorkRejectedException) argument);
					case RETRYING -> listener.onRetrying((WorkInfo) subject, (Throwable) argument, (Duration) more);
					case ABANDONED -> listener.onAbandoned((List<WorkItemSnapshot>) argument);
					case HANDED_BACK -> listener.onHandedBack((List<WorkItemSnapshot>) argument);
				}
			}
			catch (Throwable ex) {
				logger.warn("WorkListener " + listener + " failed on " + kind.name().toLowerCase() + " event", ex);
			}
		}
	}

}
