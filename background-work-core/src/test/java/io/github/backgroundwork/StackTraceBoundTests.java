package io.github.backgroundwork;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a failure keeps its stack trace with the causes, cut to the bound with a
 * line saying how much was cut, however deep the recursion that threw.
 */
class StackTraceBoundTests {

	@Test
	void deepRecursionIsCutToTheBoundWithTheCutCounted() {
		Throwable deep = recurse(3000);
		WorkError error = WorkError.of(new IllegalStateException("outer", deep), 4096);
		assertThat(error.type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(error.message()).isEqualTo("outer");
		assertThat(error.stackTrace()).hasSizeLessThanOrEqualTo(4096)
			.startsWith("java.lang.IllegalStateException: outer")
			.containsPattern("\\n\\.\\.\\. \\d+ more characters cut$");
		long cut = Long.parseLong(error.stackTrace().replaceAll("(?s).*\\.\\.\\. (\\d+) more characters cut$", "$1"));
		// Thousands of frames of at least 20 characters were printed past the bound
		assertThat(cut).isGreaterThan(1000 * 20);
	}

	@Test
	void shortTraceKeepsEveryCauseAndSuppressedException() {
		IOException root = new IOException("disk full");
		UncheckedIOException middle = new UncheckedIOException("write failed", root);
		IllegalStateException top = new IllegalStateException("report failed", middle);
		top.addSuppressed(new IllegalArgumentException("cleanup failed"));
		WorkError error = WorkError.of(top, 64 * 1024);
		assertThat(error.stackTrace()).contains("Caused by: java.io.UncheckedIOException: write failed")
			.contains("Caused by: java.io.IOException: disk full")
			.contains("Suppressed: java.lang.IllegalArgumentException: cleanup failed")
			.doesNotContain("more characters cut");
	}

	@Test
	void noStackTraceIsKeptUnderABoundOfZero() {
		assertThat(WorkError.of(new IllegalStateException("x"), 0).stackTrace()).isNull();
		assertThat(new WorkError("type", "message").stackTrace()).isNull();
	}

	@Test
	void tinyBoundIsKeptEvenWithoutRoomForTheMarker() {
		assertThat(WorkError.of(recurse(100), 20).stackTrace()).hasSize(20);
	}

	private static Throwable recurse(int depth) {
		if (depth == 0) {
			return new StackOverflowError("deep");
		}
		return recurse(depth - 1);
	}

}
