package io.github.backgroundwork;

import java.io.PrintWriter;
import java.io.Writer;

import org.jspecify.annotations.Nullable;

/**
 * Prints a stack trace into at most a bound of characters. The printing goes on past the
 * bound only to count what is cut, so that a deep recursion's trace never exists whole in
 * memory.
 */
final class StackTraceText extends Writer {

	private static final int MARKER_ROOM = 48;

	private final StringBuilder text;

	private final int keep;

	private long cut;

	private StackTraceText(int keep) {
		this.keep = keep;
		this.text = new StringBuilder(Math.min(keep, 1024));
	}

	/**
	 * Return an exception's stack trace, its causes and suppressed exceptions included,
	 * cut to {@code max} characters (the last line then says how many were cut).
	 * @return the text, or {@code null} if {@code max} is 0
	 */
	static @Nullable String of(Throwable ex, int max) {
		if (max < 0) {
			throw new IllegalArgumentException("max must not be negative, was " + max);
		}
		if (max == 0) {
			return null;
		}
		// Room for the marker, unless the bound is too small for any: then a bare cut
		StackTraceText writer = new StackTraceText((max > 2 * MARKER_ROOM) ? max - MARKER_ROOM : max);
		try (PrintWriter printer = new PrintWriter(writer)) {
			ex.printStackTrace(printer);
		}
		catch (RuntimeException printing) {
			// A getMessage() or toString() that throws must not lose the failure itself
			writer.write("(stack trace not printable: " + printing + ")");
		}
		return writer.result(max);
	}

	private String result(int max) {
		if (this.cut == 0) {
			return this.text.toString();
		}
		String marker = "\n... " + this.cut + " more characters cut";
		if (this.text.length() + marker.length() > max) {
			return this.text.toString();
		}
		return this.text.append(marker).toString();
	}

	@Override
	public void write(char[] chars, int offset, int length) {
		int room = this.keep - this.text.length();
		int kept = Math.max(0, Math.min(room, length));
		this.text.append(chars, offset, kept);
		this.cut += length - kept;
	}

	@Override
	public void write(String string) {
		int room = this.keep - this.text.length();
		int kept = Math.max(0, Math.min(room, string.length()));
		this.text.append(string, 0, kept);
		this.cut += string.length() - kept;
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

}
