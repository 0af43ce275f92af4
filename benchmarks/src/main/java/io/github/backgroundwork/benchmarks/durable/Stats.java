package io.github.backgroundwork.benchmarks.durable;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Percentiles of samples, and the median with min–max of rounds.
 */
final class Stats {

	private Stats() {
	}

	/**
	 * Return a percentile by the nearest-rank method.
	 * @param samples the samples, in any order
	 * @param percentile from 0 to 100
	 * @return the percentile, or NaN without samples
	 */
	static double percentile(double[] samples, double percentile) {
		if (samples.length == 0) {
			return Double.NaN;
		}
		double[] sorted = samples.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	static double median(List<Double> rounds) {
		return percentile(rounds.stream().mapToDouble(Double::doubleValue).toArray(), 50);
	}

	/**
	 * Format rounds as {@code median (min–max)}.
	 * @param rounds one value per round
	 * @param format the number format
	 * @return the text
	 */
	static String summary(List<Double> rounds, String format) {
		if (rounds.isEmpty()) {
			return "n/a";
		}
		double min = rounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double max = rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		return format(format, median(rounds)) + " (" + format(format, min) + "–" + format(format, max) + ")";
	}

	static String format(String format, double value) {
		return String.format(Locale.ROOT, format, value);
	}

}
