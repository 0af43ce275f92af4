package io.github.backgroundwork.demo;

import java.util.List;

import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkProgress;
import io.github.backgroundwork.WorkState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Logs how every background work item ended, and which ones a shutdown abandoned, so that
 * the console tells the story the page shows. Each queue picks up every
 * {@link WorkListener} bean.
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
				+ item.runTime().toMillis() + " ms" + at(progress));
	}

	@Override
	public void onAbandoned(List<WorkItemSnapshot> items) {
		for (WorkItemSnapshot item : items) {
			String state = (item.state() != WorkState.ABANDONED) ? " while " + item.state() : "";
			logger.info("Background work '" + item.name() + "' (" + item.id() + ") abandoned at shutdown" + state
					+ at(item.progress()));
		}
	}

	private static String at(@Nullable WorkProgress progress) {
		return (progress != null) ? " at " + progress.done() + "/" + progress.total() : "";
	}

}
