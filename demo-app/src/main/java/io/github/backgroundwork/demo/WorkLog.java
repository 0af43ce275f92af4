package io.github.backgroundwork.demo;

import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkProgress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Logs how every background work item ended, so that the console tells the story the page
 * shows. The queue picks up every {@link WorkListener} bean.
 *
 * @since 0.1.0
 */
@Component
public class WorkLog implements WorkListener {

	private static final Log logger = LogFactory.getLog(WorkLog.class);

	@Override
	public void onFinished(WorkInfo item) {
		WorkProgress progress = item.snapshot().progress();
		logger.info("Background work '" + item.name() + "' (" + item.id() + ") ended " + item.state() + " after "
				+ item.runTime().toMillis() + " ms"
				+ ((progress != null) ? " at " + progress.done() + "/" + progress.total() : ""));
	}

}
