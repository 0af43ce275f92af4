package io.github.backgroundwork.autoconfigure;

import java.time.Duration;

import io.github.backgroundwork.jdbc.BackgroundWorkDataSourceScriptDatabaseInitializer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Configuration of the durable store of typed work, used with
 * {@code background-work.store=jdbc}.
 *
 * @since 0.2.0
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

	/**
	 * How long finished rows are kept before they are deleted, in bounded batches.
	 */
	private Duration retention = Duration.ofDays(7);

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

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		atLeast(retention, Duration.ZERO, "retention");
		this.retention = retention;
	}

	private static void atLeast(Duration value, Duration minimum, String property) {
		if (value == null || value.compareTo(minimum) < 0) {
			throw new IllegalArgumentException(
					"background-work.jdbc." + property + " must be at least " + minimum + ", was " + value);
		}
	}

}
