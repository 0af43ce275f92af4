package io.github.backgroundwork.durable;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Tells when a claimer's store stops answering and when it answers again: one WARN when
 * the first statement fails (the stack trace at DEBUG), one INFO when one succeeds again,
 * and in between how long to wait before the next try (from 100 ms, doubling, up to a
 * cap), so that an outage neither spins nor floods the log.
 */
final class StoreOutage {

	private static final Log logger = LogFactory.getLog(DurableWorkSource.class);

	private static final long FIRST_DELAY_MILLIS = 100;

	private final String owner;

	private final ExponentialBackOff backOff;

	private volatile StoreHealth health = StoreHealth.REACHABLE;

	// Written by the claimer's thread only
	private BackOffExecution delays;

	private long lastDelay;

	// System.nanoTime() when the store came back after an outage; unset before any
	private long backSince;

	private boolean everUnreachable;

	/**
	 * Create the tracker of one claimer.
	 * @param owner the claimer's owner id, for the log
	 * @param maxDelay the longest wait between tries
	 */
	StoreOutage(String owner, Duration maxDelay) {
		this.owner = owner;
		this.backOff = new ExponentialBackOff(FIRST_DELAY_MILLIS, 2);
		this.backOff.setMaxInterval(Math.max(FIRST_DELAY_MILLIS, maxDelay.toMillis()));
		this.delays = this.backOff.start();
	}

	/**
	 * Note that a statement failed.
	 * @param ex what it threw
	 * @return how long to wait before the next statement, in milliseconds
	 */
	long failed(RuntimeException ex) {
		String message = describe(ex);
		StoreHealth previous = this.health;
		if (previous.reachable()) {
			this.health = new StoreHealth(false, Instant.now(), message);
			logger.warn("Background work claimer " + this.owner + " cannot reach its store (" + message
					+ "); trying again with a backoff of up to " + this.backOff.getMaxInterval()
					+ " ms, and saying so once it is back");
		}
		else {
			this.health = new StoreHealth(false, previous.unreachableSince(), message);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Background work claimer " + this.owner + " failed", ex);
		}
		long delay = this.delays.nextBackOff();
		this.lastDelay = (delay != BackOffExecution.STOP) ? delay : this.lastDelay;
		return this.lastDelay;
	}

	/**
	 * Note that a statement succeeded.
	 */
	void succeeded() {
		StoreHealth previous = this.health;
		if (previous.reachable()) {
			return;
		}
		this.health = StoreHealth.REACHABLE;
		this.delays = this.backOff.start();
		this.everUnreachable = true;
		this.backSince = System.nanoTime();
		Instant since = previous.unreachableSince();
		long millis = (since != null) ? Duration.between(since, Instant.now()).toMillis() : 0;
		logger.info("Background work claimer " + this.owner + " reaches its store again, after " + millis
				+ " ms without it");
	}

	StoreHealth health() {
		return this.health;
	}

	/**
	 * Note that statements answered, but only after a stall as long as an outage (a pool
	 * waiting for a database that restarts hands out no connection and throws nothing):
	 * other instances may have been held up as long, so it counts as an outage that ended
	 * now.
	 * @param stalledFor how long the statements took
	 */
	void stalled(Duration stalledFor) {
		this.everUnreachable = true;
		this.backSince = System.nanoTime();
		logger.info("Background work claimer " + this.owner + " was held up for " + stalledFor.toMillis()
				+ " ms by its store; it leaves other instances' expired claims alone for a lease, time for them to"
				+ " renew");
	}

	/**
	 * Whether the store has been reachable for at least the given time: since this
	 * claimer started, or since it came back after an outage.
	 */
	boolean reachableFor(Duration time) {
		if (!this.health.reachable()) {
			return false;
		}
		return !this.everUnreachable || System.nanoTime() - this.backSince >= time.toNanos();
	}

	/**
	 * Whether statements have failed for longer than the given time.
	 */
	boolean unreachableFor(Duration time) {
		Instant since = this.health.unreachableSince();
		return since != null && Duration.between(since, Instant.now()).compareTo(time) > 0;
	}

	/**
	 * Return the most specific message: a driver's "connection refused" rather than
	 * Spring's "could not get a JDBC connection".
	 */
	static String describe(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? cause.getClass().getSimpleName() + ": " + message
				: cause.getClass().getName();
	}

}
