package io.github.backgroundwork.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of every repetition of the run, written to {@code target/fault-report.md}
 * after each one (so that a run cut short still leaves its figures), one table row each.
 */
final class FaultReport {

	static final Path FILE = Path.of("target", "fault-report.md");

	private static final List<String> rows = new ArrayList<>();

	private FaultReport() {
	}

	/**
	 * Add a repetition's figures and write the report again.
	 * @param scenario the scenario
	 * @param repetition the repetition's number
	 * @param tally what was counted
	 * @param seconds the repetition's wall time
	 * @param notes what else the scenario measured
	 */
	static synchronized void add(String scenario, int repetition, Tally tally, double seconds, String notes) {
		rows.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d / %d | %.1f | %s |", scenario,
				repetition, tally.items(), tally.runs(), tally.duplicates(), tally.lost(), tally.logs().library(),
				tally.logs().all(), seconds, notes.replace("|", "\\|")));
		write();
	}

	private static void write() {
		List<String> lines = new ArrayList<>();
		lines.add("# Fault suite report");
		lines.add("");
		lines.add("Run of " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", " + (FaultSize.FULL ? "full" : "short")
				+ " size, " + Runtime.getRuntime().availableProcessors()
				+ " cores. Duplicates: items whose handler completed more than once. Lost: items never completed,"
				+ " or not ended SUCCEEDED. WARN/ERROR: log events of the children, the library's / all (the pool's"
				+ " included). Time: wall time of the repetition, child JVMs' start included.");
		lines.add("");
		lines.add("| Scenario | Rep. | Items | Runs | Duplicates | Lost | WARN/ERROR | Time (s) | Notes |");
		lines.add("|---|---|---|---|---|---|---|---|---|");
		lines.addAll(rows);
		try {
			Files.createDirectories(FILE.getParent());
			Files.write(FILE, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
