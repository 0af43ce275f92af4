package io.github.backgroundwork.recurring;

import java.time.ZoneId;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.recurring.RecurringStatus.LastRun;
import io.github.backgroundwork.recurring.RecurringStore.Pending;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a recurring name looks like now, from its pending due time and the items it
 * names; and cancels the pending run of a name that was switched off.
 */
final class RecurringStatuses {

	private static final Log logger = LogFactory.getLog(RecurringStatuses.class);

	private final BackgroundWorkQueue queue;

	private final RecurringStore store;

	RecurringStatuses(BackgroundWorkQueue queue, RecurringStore store) {
		this.queue = queue;
		this.store = store;
	}

	RecurringStatus of(RecurringWork work, @Nullable String triggeredId) {
		Pending pending = this.store.pending(work.name());
		ZoneId zone = work.schedule().zoneId();
		boolean paused = this.queue.paused().isPaused(work.name());
		String schedule = work.schedule().toString();
		LastRun last = null;
		if (pending != null) {
			// The pending item is the last run once it started; before, the item it
			// followed is
			last = lastRun(pending.itemId());
			if (last == null || last.at() == null) {
				last = (pending.lastItemId() != null) ? lastRun(pending.lastItemId()) : null;
			}
		}
		// An extra run, triggered by an operator, is the last run if it started later
		LastRun extra = (triggeredId != null) ? lastRun(triggeredId) : null;
		if (extra != null && extra.at() != null
				&& (last == null || last.at() == null || extra.at().isAfter(last.at()))) {
			last = extra;
		}
		return new RecurringStatus(work.name(), schedule, (zone != null) ? zone.getId() : null,
				(pending != null) ? pending.due() : null, last, paused);
	}

	/**
	 * Cancel the pending run of a name switched off, if it still waits.
	 */
	void cancelPending(String name) {
		Pending pending = this.store.pending(name);
		if (pending == null) {
			return;
		}
		WorkHandle handle = this.queue.find(pending.itemId()).orElse(null);
		if (handle != null && (handle.state() == WorkState.QUEUED || handle.state() == WorkState.SCHEDULED)
				&& handle.snapshot().startedAt() == null && handle.cancel()) {
			logger.info(
					"Recurring work '" + name + "' is switched off: its run due at " + pending.due() + " is cancelled");
		}
	}

	private @Nullable LastRun lastRun(String itemId) {
		WorkItemSnapshot item = this.queue.find(itemId).map(WorkInfo::snapshot).orElse(null);
		if (item == null) {
			return null;
		}
		return new LastRun(item.id(), item.startedAt(), this.store.owner(itemId), item.state());
	}

}
