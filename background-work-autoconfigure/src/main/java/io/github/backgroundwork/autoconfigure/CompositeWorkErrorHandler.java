package io.github.backgroundwork.autoconfigure;

import java.util.List;

import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Every {@link WorkErrorHandler} bean, in order: each one hears of each failure, whatever
 * the others do.
 */
final class CompositeWorkErrorHandler implements WorkErrorHandler {

	private static final Log logger = LogFactory.getLog(CompositeWorkErrorHandler.class);

	private final List<WorkErrorHandler> handlers;

	CompositeWorkErrorHandler(List<WorkErrorHandler> handlers) {
		this.handlers = List.copyOf(handlers);
	}

	@Override
	public void handleError(WorkInfo item, Throwable error) {
		for (WorkErrorHandler handler : this.handlers) {
			try {
				handler.handleError(item, error);
			}
			catch (Throwable ex) {
				logger.error("WorkErrorHandler " + handler + " failed on background work '" + item.name() + "' ("
						+ item.id() + ")", ex);
			}
		}
	}

}
