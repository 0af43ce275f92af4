package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.jdbc.WorkRetention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the durable store of typed work, used with
 * {@code background-work.store=jdbc}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("background-work.jdbc")
public class BackgroundWorkJdbcProperties extends DatabaseInitializationProperties {

	/**
	 * Longest time an instance takes to notice work it was not told about: the safety net
	 * behind the wake-up after a local commit and PostgreSQL's notifications.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * How long a claim on a running item lasts; renewed while the item runs. The claim of
	 * an instance that died expires after it, and another instance runs the item again.
	 */
	private Duration lease = Duration.ofSeconds(30);

	private final Retention retention = new Retention();

	/**
	 * Largest payload enqueue stores, as JSON in UTF-8; a larger one is refused with an
	 * IllegalArgumentException naming the work. Every claim reads the payloads of as many
	 * rows as there are free workers: store large data elsewhere and enqueue a reference
	 * to it.
	 */
	private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

	/**
	 * Keys of the logging MDC entries stored with each item at enqueue and put in the MDC
	 * of the worker that runs it, on whichever instance. None by default: MDC values may
	 * be personal data, and rows are kept for the retention.
	 */
	private List<String> mdcKeys = new ArrayList<>();

	@Override
	public String getDefaultSchemaLocation() {
		return BackgroundWorkDataSourceScriptDatabaseInitializer.DEFAULT_SCHEMA_LOCATION;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		atLeast(pollInterval, Duration.ofMillis(10), "poll-interval");
		this.pollInterval = pollInterval;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		atLeast(lease, Duration.ofSeconds(1), "lease");
		this.lease = lease;
	}

	public Retention getRetention() {
		return this.retention;
	}

	public DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(DataSize maxPayloadSize) {
		if (maxPayloadSize == null || maxPayloadSize.toBytes() < 1) {
			throw new IllegalArgumentException(
					"background-work.jdbc.max-payload-size must be at least 1B, was " + maxPayloadSize);
		}
		this.maxPayloadSize = maxPayloadSize;
	}

	public List<String> getMdcKeys() {
		return this.mdcKeys;
	}

	public void setMdcKeys(List<String> mdcKeys) {
		for (String key : mdcKeys) {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException(
						"background-work.jdbc.mdc-keys must not hold a blank key, was " + mdcKeys);
			}
		}
		this.mdcKeys = mdcKeys;
	}

	/**
	 * How long finished rows are kept before they are deleted, in bounded batches, per
	 * outcome: successes briefly, failures long enough to be acted on.
	 */
	public static class Retention {

		/**
		 * How long rows of items that succeeded are kept.
		 */
		private Duration succeeded = WorkRetention.DEFAULT.succeeded();

		/**
		 * How long rows of items that were cancelled are kept.
		 */
		private Duration cancelled = WorkRetention.DEFAULT.cancelled();

		/**
		 * How long rows of items that failed (no attempt left) are kept.
		 */
		private Duration failed = WorkRetention.DEFAULT.failed();

		public Duration getSucceeded() {
			return this.succeeded;
		}

		public void setSucceeded(Duration succeeded) {
			atLeast(succeeded, Duration.ZERO, "retention.succeeded");
			this.succeeded = succeeded;
		}

		public Duration getCancelled() {
			return this.cancelled;
		}

		public void setCancelled(Duration cancelled) {
			atLeast(cancelled, Duration.ZERO, "retention.cancelled");
			this.cancelled = cancelled;
		}

		public Duration getFailed() {
			return this.failed;
		}

		public void setFailed(Duration failed) {
			atLeast(failed, Duration.ZERO, "retention.failed");
			this.failed = failed;
		}

		/**
		 * Return the retention these properties describe.
		 * @return the retention
		 */
		public WorkRetention toWorkRetention() {
			return new WorkRetention(this.succeeded, this.cancelled, this.failed);
		}

	}

	private static void atLeast(Duration value, Duration minimum, String property) {
		if (value == null || value.compareTo(minimum) < 0) {
			throw new IllegalArgumentException(
					"background-work.jdbc." + property + " must be at least " + minimum + ", was " + value);
		}
	}

}
