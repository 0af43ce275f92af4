package io.github.backgroundwork.demo.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the demo's customer mail.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("demo.mail")
public class DemoMailProperties {

	/**
	 * Sender address of customer notifications.
	 */
	private String from = "demo@background-work.example";

	/**
	 * Pause before each mail, so that a person can watch the progress.
	 */
	private Duration sendDelay = Duration.ZERO;

	private final EmbeddedServer embeddedServer = new EmbeddedServer();

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public Duration getSendDelay() {
		return this.sendDelay;
	}

	public void setSendDelay(Duration sendDelay) {
		if (sendDelay.isNegative()) {
			throw new IllegalArgumentException("demo.mail.send-delay must not be negative, but was " + sendDelay);
		}
		this.sendDelay = sendDelay;
	}

	public EmbeddedServer getEmbeddedServer() {
		return this.embeddedServer;
	}

	/**
	 * Configuration of the in-process SMTP server.
	 */
	public static class EmbeddedServer {

		/**
		 * Whether to start an SMTP server in-process when spring.mail.host is not set.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
