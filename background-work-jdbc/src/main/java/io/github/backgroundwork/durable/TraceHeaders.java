package io.github.backgroundwork.durable;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The stored form of a trace context: the propagation headers the enqueuing side's tracer
 * wrote ({@code traceparent}, {@code tracestate}, {@code b3}, {@code baggage}, ...), one
 * {@code name=value} line each, separated by {@code \n}, in the order the tracer wrote
 * them. A header whose name is empty or holds {@code =}, or whose name or value holds a
 * line break, is left out, as is every header that would take the text past
 * {@value #MAX_LENGTH} characters (the size of the column on H2).
 */
final class TraceHeaders {

	/**
	 * The longest text stored.
	 */
	static final int MAX_LENGTH = 4000;

	private TraceHeaders() {
	}

	/**
	 * Write headers.
	 * @param headers the headers, in the order to keep
	 * @return the text, or {@code null} if there is no header to store
	 */
	static @Nullable String write(Map<String, String> headers) {
		StringBuilder text = new StringBuilder();
		headers.forEach((name, value) -> {
			if (name == null || value == null || name.isEmpty() || name.indexOf('=') >= 0 || hasLineBreak(name)
					|| hasLineBreak(value)) {
				return;
			}
			int length = text.length() + ((text.length() > 0) ? 1 : 0) + name.length() + 1 + value.length();
			if (length > MAX_LENGTH) {
				return;
			}
			if (text.length() > 0) {
				text.append('\n');
			}
			text.append(name).append('=').append(value);
		});
		return (text.length() > 0) ? text.toString() : null;
	}

	/**
	 * Read headers back.
	 * @param text what {@link #write} returned
	 * @return the headers, looked up ignoring case, as HTTP headers are; lines without
	 * {@code =} are skipped
	 */
	static Map<String, String> read(String text) {
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String line : text.split("\n")) {
			int separator = line.indexOf('=');
			if (separator > 0) {
				headers.putIfAbsent(line.substring(0, separator), line.substring(separator + 1));
			}
		}
		return headers;
	}

	private static boolean hasLineBreak(String text) {
		return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
	}

}
