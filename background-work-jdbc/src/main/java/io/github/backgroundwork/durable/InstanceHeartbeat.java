package io.github.backgroundwork.durable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;

import io.github.backgroundwork.jdbc.WorkInstances;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Says in the instances table that a claimer is alive, on its thread: when it starts and
 * then with every lease renewal, so that an instance seen within a lease is live; and
 * marks its row stopped when the queue stops, so that the endpoint lists it gone at once.
 * Rows of instances gone for longer than {@link #GONE_KEPT} (they died without saying so)
 * are deleted by the cleaner.
 */
final class InstanceHeartbeat {

	private static final Log logger = LogFactory.getLog(InstanceHeartbeat.class);

	/**
	 * How long the row of an instance not seen is kept, listed as gone.
	 */
	static final Duration GONE_KEPT = Duration.ofDays(1);

	private final WorkInstances instances;

	private final String owner;

	private final String queue;

	private final int concurrency;

	private final Set<String> names;

	// Read and written by the claimer's thread only
	private String host = "";

	// Written by the claimer's thread, and by the thread that stops the queue
	private volatile boolean beating;

	InstanceHeartbeat(WorkInstances instances, String owner, String queue, int concurrency, Set<String> names) {
		this.instances = instances;
		this.owner = owner;
		this.queue = queue;
		this.concurrency = concurrency;
		this.names = Set.copyOf(names);
	}

	/**
	 * Write the heartbeat; on the claimer's thread. A failure is logged at debug level,
	 * not thrown: the heartbeat only informs operators, and must never stop the claims
	 * and renewals (the next renewal tries again).
	 */
	void beat() {
		if (this.host.isEmpty()) {
			this.host = hostName();
		}
		try {
			this.instances.beat(this.owner, this.queue, this.host, this.concurrency, this.names);
			this.beating = true;
		}
		catch (RuntimeException ex) {
			// Debug only: a store that fails fails the claims too, and those say so, once
			logger.debug("Background work claimer " + this.owner + " could not write its heartbeat to the instances "
					+ "table; the endpoint lists it gone until it can", ex);
		}
	}

	/**
	 * Delete the rows of instances gone for longer than {@link #GONE_KEPT}; on the
	 * claimer's thread, with the cleaner's turn. A failure is left for the next turn.
	 */
	void deleteGone() {
		try {
			this.instances.deleteGone(GONE_KEPT);
		}
		catch (RuntimeException ex) {
			logger.debug("Background work claimer " + this.owner + " could not delete the rows of gone instances", ex);
		}
	}

	/**
	 * Mark this instance's row stopped, when its queue has stopped claiming; a failure is
	 * logged, and the row is then listed gone after a lease.
	 */
	void stopped() {
		if (!this.beating) {
			return;
		}
		try {
			this.instances.stopped(this.owner);
			this.beating = false;
		}
		catch (RuntimeException ex) {
			logger.debug("Background work claimer " + this.owner + " could not mark its instance row stopped; it is "
					+ "listed gone after a lease", ex);
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException | SecurityException ex) {
			String fromEnvironment = System.getenv("HOSTNAME");
			return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : "unknown";
		}
	}

}
