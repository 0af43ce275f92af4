package io.github.backgroundwork.engine;

import java.time.Duration;

import io.github.backgroundwork.CancellationReason;
import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Puts items among the scheduled ones: typed work with a delay when it is enqueued, and
 * failed typed work that has an attempt left, after the backoff of Spring's
 * {@link org.springframework.util.backoff.ExponentialBackOff}.
 */
final class Rescheduler {

	private static final Log logger = LogFactory.getLog(Rescheduler.class);

	private final ItemRegistry registry;

	private final WorkEvents events;

	Rescheduler(ItemRegistry registry, WorkEvents events) {
		this.registry = registry;
		this.events = events;
	}

	/**
	 * Decide whether a failed typed item runs again: it has an attempt left and was not
	 * abandoned; under the take lock. It keeps its place until the retry is announced, so
	 * that listeners hear of the failed attempt before the next one starts.
	 * @return the delay before the retry, in nanoseconds, or -1 if it is not retried
	 */
	long retryDelayLocked(WorkItem item, WorkState outcome) {
		TypedWork typed = item.typed();
		if (outcome != WorkState.FAILED || typed == null || item.state() != WorkState.RUNNING) {
			return -1;
		}
		CancellationReason cancellation = item.cancellationReason();
		// Cancelled work is never retried, whatever its work threw when it stopped
		if (cancellation == CancellationReason.CANCELLED) {
			return -1;
		}
		if (typed.storeMayRetry()) {
			// It ends here, and its store runs it again after this delay; so too when it
			// failed just before a shutdown asked it to stop
			typed.storedRetryDelay = this.registry.settings.retryPolicy().delayBeforeRetry(typed.attempts);
			return -1;
		}
		// A stopping queue runs no retry
		if (cancellation != null || !typed.mayRetry()) {
			return -1;
		}
		return this.registry.settings.retryPolicy().delayBeforeRetry(typed.attempts).toNanos();
	}

	/**
	 * Announce a retry, then give back the item's place and schedule it; does nothing
	 * more if a shutdown abandoned it meanwhile.
	 */
	void retry(WorkItem item, @Nullable Throwable failure, long now, long delayNanos) {
		announceRetry(item, failure, delayNanos);
		ItemRegistry registry = this.registry;
		registry.takeLock.lock();
		try {
			if (item.internalState() == WorkItem.RUNNING) {
				keepAttempt(item, failure, now);
			}
			if (!item.scheduleRetry()) {
				return;
			}
			registry.running.release(item);
			registry.limits.release(item);
			schedule(item, now + delayNanos);
			if (registry.idleWorkers > 0 && (registry.ready.size() > 0 || registry.limits.hasEligible())) {
				registry.workAvailable.signal();
			}
		}
		finally {
			registry.takeLock.unlock();
		}
	}

	/**
	 * Keep the attempt that failed, since the item's times will be the next attempt's;
	 * its error without a stack trace, which only the latest failure keeps.
	 */
	private void keepAttempt(WorkItem item, @Nullable Throwable failure, long now) {
		TypedWork typed = item.typed();
		if (typed == null) {
			return;
		}
		long started = item.startedNanos();
		WorkError error = (failure != null) ? WorkError.of(failure, 0) : null;
		typed.addEarlierAttempt(
				new WorkAttempt(typed.attempts, this.registry.wallClock(started), this.registry.wallClock(now),
						Duration.ofNanos(Math.max(0, now - started)), null, WorkState.FAILED, error));
	}

	/**
	 * Put an item among the scheduled ones; under the take lock.
	 */
	void schedule(WorkItem item, long dueNanos) {
		ItemRegistry registry = this.registry;
		TypedWork typed = item.typed();
		if (typed != null) {
			typed.dueNanos = dueNanos;
		}
		item.schedule();
		boolean earliest = dueNanos - registry.scheduled.nextDueNanos() < 0;
		registry.scheduled.add(item);
		registry.held.incrementAndGet();
		if (earliest && registry.idleWorkers > 0) {
			// An idle worker waits until the earliest item is due: this one is earlier
			registry.workAvailable.signal();
		}
	}

	private void announceRetry(WorkItem item, @Nullable Throwable failure, long delayNanos) {
		announceRetry(item, failure, Duration.ofNanos(delayNanos));
	}

	/**
	 * Log a failed attempt that runs again and tell the listeners; outside the locks.
	 */
	void announceRetry(WorkItem item, @Nullable Throwable failure, Duration delay) {
		TypedWork typed = item.typed();
		if (typed != null) {
			logger.warn("Background work '" + item.name() + "' (" + item.id() + ") failed, " + typed.attemptOfTotal()
					+ ": retrying in " + delay.toMillis() + " ms", failure);
		}
		this.events.retrying(item, (failure != null) ? failure : new IllegalStateException("failed"), delay);
	}

}
