package io.github.backgroundwork.examples.queues;

import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkListener;

/**
 * Audits each item's start, with the thread (so the queue) that runs it.
 */
class AuditingWorkListener implements WorkListener {

	private final AuditLog audit;

	AuditingWorkListener(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public void onStarted(WorkInfo item) {
		this.audit.entries.add(item.name() + " on " + Thread.currentThread().getName());
	}

}
