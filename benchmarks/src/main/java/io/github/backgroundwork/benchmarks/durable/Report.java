package io.github.backgroundwork.benchmarks.durable;

import java.util.List;
import java.util.Map;

/**
 * The markdown of a run: machine, command, every contender's configuration, the table of
 * medians with min–max and the ratio to the best peer, the targets, and the
 * endpoint's answer times.
 */
final class Report {

	private static final String OURS = "background-work";

	/**
	 * A metric of the table: its key in the figures, its label, its format, and whether
	 * more is better.
	 */
	private record Metric(String key, String label, String format, boolean higherIsBetter) {
	}

	private static final List<Metric> METRICS = List.of(
			new Metric("throughput", "Throughput, 20,000 items in batches of 1,000 (items/s)", "%,.0f", true),
			new Metric("jvmCpuPerItem", "JVM CPU per item in that run (µs)", "%,.0f", false),
			new Metric("dbCpuPerItem", "PostgreSQL CPU per item in that run (µs)", "%,.0f", false),
			new Metric("idleP50", "Commit → start, same instance, p50 (ms)", "%,.1f", false),
			new Metric("idleP99", "Commit → start, same instance, p99 (ms)", "%,.1f", false),
			new Metric("acrossP50", "Commit → start, across instances, p50 (ms)", "%,.1f", false),
			new Metric("acrossP99", "Commit → start, across instances, p99 (ms)", "%,.1f", false),
			new Metric("enqueueSingle", "Enqueue, one item per transaction, p50 (µs)", "%,.0f", false),
			new Metric("enqueueSingleNoTx", "Enqueue, one item without a transaction, p50 (µs)", "%,.0f", false),
			new Metric("enqueueBatched", "Enqueue, batches of 1,000, p50 (µs per item)", "%,.1f", false));

	private Report() {
	}

	static String table(String machine, String settings, int rounds, Map<String, String> configurations,
			Map<String, Map<String, List<Double>>> figures, Map<String, double[]> endpoint) {
		StringBuilder md = new StringBuilder();
		md.append("# Durable benchmark results\n\n");
		md.append(machine.replace("\n", "  \n")).append("  \n");
		md.append(settings).append("  \n");
		md.append("Command: `")
			.append(System.getProperty("command", "benchmarks/durable.sh"))
			.append("` (")
			.append(rounds)
			.append(" rounds after a warm-up round, contenders interleaved in one JVM; each figure is the median of the ")
			.append("rounds, with min–max)\n\n");
		configurations.forEach((name,
				configuration) -> md.append("- **").append(name).append("**: ").append(configuration).append('\n'));
		md.append("\n| Measurement |");
		figures.keySet().forEach((name) -> md.append(' ').append(name).append(" |"));
		md.append(" ours ÷ best peer |\n|---|");
		figures.keySet().forEach((name) -> md.append("---|"));
		md.append("---|\n");
		for (Metric metric : METRICS) {
			if (figures.values().stream().allMatch((byMetric) -> !byMetric.containsKey(metric.key()))) {
				// Not measured in this run
				continue;
			}
			md.append("| ").append(metric.label()).append(" |");
			figures.values()
				.forEach((byMetric) -> md.append(' ')
					.append(Stats.summary(byMetric.getOrDefault(metric.key(), List.of()), metric.format()))
					.append(" |"));
			md.append(' ').append(ratio(figures, metric)).append(" |\n");
		}
		md.append("\nTargets of issue 11:\n\n");
		double ours = median(figures, OURS, "throughput");
		double bestPeer = best(figures, new Metric("throughput", "", "", true));
		md.append(target("throughput at least 5,000 items/s", ours >= 5000, Stats.format("%,.0f/s", ours)));
		md.append(target("throughput at least 2× the faster peer", ours >= 2 * bestPeer,
				Stats.format("%.2f×", ours / bestPeer)));
		double across = median(figures, OURS, "acrossP99");
		if (!Double.isNaN(across)) {
			md.append(target("p99 commit → start across instances at most 50 ms", across <= 50,
					Stats.format("%.1f ms", across)));
		}
		if (endpoint.isEmpty()) {
			return md.toString();
		}
		md.append("\nEndpoint with ")
			.append(Stats.format("%,.0f", EndpointTiming.ROWS))
			.append(" rows (ours only; 50 calls each):\n\n| Read | p50 (ms) | p99 (ms) |\n|---|---|---|\n");
		endpoint.forEach((read, times) -> md.append("| ")
			.append(read)
			.append(" | ")
			.append(Stats.format("%.1f", times[0]))
			.append(" | ")
			.append(Stats.format("%.1f", times[1]))
			.append(" |\n"));
		return md.toString();
	}

	private static String target(String target, boolean met, String measured) {
		return "- " + target + ": " + (met ? "**met**" : "**missed**") + " (" + measured + ")\n";
	}

	private static String ratio(Map<String, Map<String, List<Double>>> figures, Metric metric) {
		double ours = median(figures, OURS, metric.key());
		double best = best(figures, metric);
		if (Double.isNaN(ours) || Double.isNaN(best) || best == 0) {
			return "";
		}
		return Stats.format("%.2f", ours / best)
				+ (metric.higherIsBetter() ? " (higher is better)" : " (lower is better)");
	}

	private static double best(Map<String, Map<String, List<Double>>> figures, Metric metric) {
		return figures.keySet()
			.stream()
			.filter((name) -> !name.equals(OURS))
			.mapToDouble((name) -> median(figures, name, metric.key()))
			.filter((value) -> !Double.isNaN(value))
			.reduce((a, b) -> metric.higherIsBetter() ? Math.max(a, b) : Math.min(a, b))
			.orElse(Double.NaN);
	}

	private static double median(Map<String, Map<String, List<Double>>> figures, String name, String key) {
		List<Double> rounds = figures.getOrDefault(name, Map.of()).getOrDefault(key, List.of());
		return rounds.isEmpty() ? Double.NaN : Stats.median(rounds);
	}

}
