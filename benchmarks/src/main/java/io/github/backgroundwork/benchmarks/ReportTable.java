package io.github.backgroundwork.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.BasicJsonParser;

/**
 * Turns the raw results of one {@code benchmarks/run.sh} run into the Markdown table that
 * the README shows. Every figure is a median: of the measurement iterations for
 * throughput, of all samples for latency, of the rounds for memory and shutdown.
 */
public final class ReportTable {

	private static final String[] CONTENDERS = { Contender.QUEUE, Contender.THREAD_POOL_EXECUTOR,
			Contender.THREAD_POOL_TASK_EXECUTOR };

	private final List<Object> jdk17;

	private final List<Object> jdk25;

	private final Properties footprint;

	private final Properties shutdown;

	private final Properties machine;

	private final StringBuilder out = new StringBuilder();

	private ReportTable(Path results) throws IOException {
		BasicJsonParser json = new BasicJsonParser();
		this.jdk17 = json.parseList(minify(Files.readString(results.resolve("jmh-jdk17.json"))));
		this.jdk25 = json.parseList(minify(Files.readString(results.resolve("jmh-jdk25.json"))));
		this.footprint = Results.read(results.resolve("footprint.properties"));
		this.shutdown = Results.read(results.resolve("shutdown.properties"));
		this.machine = Results.read(results.resolve("machine.properties"));
	}

	/**
	 * Print the table for the results directory given as the only argument.
	 * @param args the results directory
	 * @throws IOException if a result file cannot be read
	 */
	public static void main(String[] args) throws IOException {
		System.out.print(new ReportTable(Path.of(args[0])).render());
	}

	/**
	 * Remove the whitespace between tokens: Spring Boot's basic parser, the only one at
	 * hand, reads JMH's indented lists wrongly.
	 */
	private static String minify(String json) {
		StringBuilder compact = new StringBuilder(json.length());
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				compact.append(c);
				if (c == '\\') {
					compact.append(json.charAt(++i));
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (!Character.isWhitespace(c)) {
				compact.append(c);
				inString = (c == '"');
			}
		}
		return compact.toString();
	}

	private String render() {
		line("Machine: %s, %s cores (`nproc`), %s GiB; load average %s before the run, %s after.",
				this.machine.getProperty("cpu"), this.machine.getProperty("cores"), this.machine.getProperty("memory"),
				this.machine.getProperty("loadBefore"), this.machine.getProperty("loadAfter"));
		line("JDKs: %s (%s) and %s (%s). Run on %s with `benchmarks/run.sh`.", jdk(this.jdk17), vm(this.jdk17),
				jdk(this.jdk25), vm(this.jdk25), this.machine.getProperty("date"));
		line("Every contender: %d workers, room for %d waiting items, a full queue makes the caller wait.",
				Contender.CONCURRENCY, Contender.CAPACITY);
		line("");
		line("| Measurement (median) | background-work queue | ThreadPoolExecutor | ThreadPoolTaskExecutor "
				+ "| Target (queue) | Met |");
		line("|---|---|---|---|---|---|");
		throughputRow("Throughput, 1M no-op items, JDK %s, platform threads (items/s)", this.jdk17, "platform");
		throughputRow("Throughput, 1M no-op items, JDK %s, platform threads (items/s)", this.jdk25, "platform");
		throughputRow("Throughput, 1M no-op items, JDK %s, virtual threads (items/s)", this.jdk25, "virtual");
		enqueueRow();
		startRow();
		footprintRow();
		shutdownRow();
		return this.out.toString();
	}

	private void throughputRow(String label, List<Object> results, String threads) {
		double plain = percentile(results, "millionNoOps", Contender.THREAD_POOL_EXECUTOR, threads, "50.0");
		double queue = percentile(results, "millionNoOps", Contender.QUEUE, threads, "50.0");
		StringBuilder row = new StringBuilder("| " + String.format(label, jdk(results)) + " |");
		for (String contender : CONTENDERS) {
			double score = percentile(results, "millionNoOps", contender, threads, "50.0");
			row.append(String.format(Locale.ROOT, " %,.0f (%.2fx) |", score, score / plain));
		}
		row.append(" ≥ 0.80x |").append(met(queue / plain >= 0.8)).append(" |");
		line(row.toString());
	}

	private void enqueueRow() {
		StringBuilder row = new StringBuilder("| `enqueue` cost to the caller, idle queue, p50 / p99 (µs) |");
		for (String contender : CONTENDERS) {
			row.append(String.format(Locale.ROOT, " %.2f / %.2f |", sample("enqueue", contender, "50.0"),
					sample("enqueue", contender, "99.0")));
		}
		row.append(" p50 < 2 µs |").append(met(sample("enqueue", Contender.QUEUE, "50.0") < 2)).append(" |");
		line(row.toString());
	}

	private void startRow() {
		StringBuilder row = new StringBuilder("| Enqueue to start, idle queue, p50 / p99 / p99.9 (µs) |");
		for (String contender : CONTENDERS) {
			row.append(String.format(Locale.ROOT, " %.1f / %.1f / %.1f |", sample("enqueueToStart", contender, "50.0"),
					sample("enqueueToStart", contender, "99.0"), sample("enqueueToStart", contender, "99.9")));
		}
		row.append(" p99 < 1000 µs |")
			.append(met(sample("enqueueToStart", Contender.QUEUE, "99.0") < 1000))
			.append(" |");
		line(row.toString());
	}

	private void footprintRow() {
		StringBuilder row = new StringBuilder("| Heap retained per queued item, 100,000 queued (bytes) |");
		for (String contender : CONTENDERS) {
			row.append(' ').append(this.footprint.getProperty(contender + ".bytesPerItem")).append(" |");
		}
		long queue = Long.parseLong(this.footprint.getProperty(Contender.QUEUE + ".bytesPerItem"));
		row.append(" ≤ 250 |").append(met(queue <= 250)).append(" |");
		line(row.toString());
	}

	private void shutdownRow() {
		StringBuilder row = new StringBuilder("| Last item finished to `close()` returned, p50 / p99 (µs) |");
		for (String contender : CONTENDERS) {
			row.append(' ')
				.append(this.shutdown.getProperty(contender + ".p50.us"))
				.append(" / ")
				.append(this.shutdown.getProperty(contender + ".p99.us"))
				.append(" |");
		}
		double queue = Double.parseDouble(this.shutdown.getProperty(Contender.QUEUE + ".p99.us"));
		row.append(" < 5000 µs |").append(met(queue < 5000)).append(" |");
		line(row.toString());
	}

	private double sample(String benchmark, String contender, String percentile) {
		return percentile(this.jdk17, benchmark, contender, "platform", percentile);
	}

	@SuppressWarnings("unchecked")
	private static double percentile(List<Object> results, String benchmark, String contender, String threads,
			String percentile) {
		for (Object entry : results) {
			Map<String, Object> result = (Map<String, Object>) entry;
			Map<String, Object> params = (Map<String, Object>) result.get("params");
			if (((String) result.get("benchmark")).endsWith("." + benchmark) && contender.equals(params.get("executor"))
					&& threads.equals(params.get("threads"))
					// The table is of 2 workers; the raw output has 8 too
					&& (params.get("concurrency") == null || "2".equals(params.get("concurrency")))) {
				Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
				Map<String, Object> percentiles = (Map<String, Object>) metric.get("scorePercentiles");
				return ((Number) percentiles.get(percentile)).doubleValue();
			}
		}
		throw new IllegalStateException("No result for " + benchmark + " " + contender + " " + threads);
	}

	private static String jdk(List<Object> results) {
		return String.valueOf(first(results, "jdkVersion"));
	}

	private static String vm(List<Object> results) {
		return first(results, "vmName") + " " + first(results, "vmVersion");
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object first(List<Object> results, String key) {
		return results.isEmpty() ? null : ((Map<String, Object>) results.get(0)).get(key);
	}

	private static String met(boolean met) {
		return met ? " yes" : " **no**";
	}

	private void line(String format, Object... args) {
		this.out.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}
