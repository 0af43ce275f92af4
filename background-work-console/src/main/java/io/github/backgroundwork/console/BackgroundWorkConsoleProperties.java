package io.github.backgroundwork.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Configuration of the background work console.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("background-work.console")
public class BackgroundWorkConsoleProperties {

	/**
	 * Whether to serve the console, in a servlet web application.
	 */
	private boolean enabled = false;

	/**
	 * Path of the console in the application's web server, under the servlet context
	 * path. Its JSON API is under path/api.
	 */
	private String path = "/background-work";

	/**
	 * Whether clients other than loopback ones may use the console when Spring Security
	 * does not guard the application. The client is the address as the application
	 * resolves it (see server.forward-headers-strategy behind a proxy).
	 */
	private boolean allowRemote = false;

	/**
	 * Whether the console only shows the work: no buttons, and every action refused.
	 */
	private boolean readOnly = false;

	/**
	 * Whether the console shows the payloads of stored work, which may hold personal
	 * data.
	 */
	private boolean showPayloads = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	/**
	 * Set the console's path.
	 * @param path a path that starts with {@code /}, not {@code /} alone, without a
	 * trailing {@code /}, wildcards or query
	 * @throws IllegalArgumentException naming the property if the path is not one
	 */
	public void setPath(String path) {
		Assert.isTrue(
				StringUtils.hasText(path) && path.startsWith("/") && path.length() > 1 && !path.endsWith("/")
						&& path.chars()
							.noneMatch((c) -> c == '*' || c == '?' || c == '#' || c == '{' || c == '}' || c == ';'
									|| Character.isWhitespace(c) || Character.isISOControl(c)),
				() -> "background-work.console.path must start with '/', not be '/' alone, not end with '/' "
						+ "and hold no wildcard, query or space, was '" + path + "'");
		this.path = path;
	}

	public boolean isAllowRemote() {
		return this.allowRemote;
	}

	public void setAllowRemote(boolean allowRemote) {
		this.allowRemote = allowRemote;
	}

	public boolean isReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(boolean readOnly) {
		this.readOnly = readOnly;
	}

	public boolean isShowPayloads() {
		return this.showPayloads;
	}

	public void setShowPayloads(boolean showPayloads) {
		this.showPayloads = showPayloads;
	}

}
