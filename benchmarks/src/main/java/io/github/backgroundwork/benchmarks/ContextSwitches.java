package io.github.backgroundwork.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The context switches of this JVM's live threads, voluntary (a thread that waits: a
 * park, a lock it cannot take) and involuntary (preempted), from Linux's
 * {@code /proc/self/task/<tid>/status}; {@code -1} where there is no such file. A wake-up
 * is what an executor's worker pays most on a virtual machine, so their number per item
 * explains CPU figures that the code on the hot path does not.
 */
final class ContextSwitches {

	private static final Path TASKS = Path.of("/proc/self/task");

	private ContextSwitches() {
	}

	/**
	 * Return the sum over live threads, or {@code -1} if Linux's figures are missing.
	 */
	static long count() {
		if (!Files.isDirectory(TASKS)) {
			return -1;
		}
		long sum = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
			for (Path task : tasks) {
				sum += switchesOf(task.resolve("status"));
			}
		}
		catch (IOException ex) {
			return -1;
		}
		return sum;
	}

	private static long switchesOf(Path status) {
		long sum = 0;
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
					sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// A thread that ended meanwhile
		}
		return sum;
	}

}
