package io.github.backgroundwork.benchmarks.durable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What every contender's no-op handler calls: records when each item of the current
 * measurement started and counts them down. Items are numbered by the run, so an item of
 * an earlier measurement that runs late is ignored.
 */
final class Probe {

	private static volatile Probe current = new Probe(0, 0);

	private final int first;

	private final long[] committed;

	private final AtomicLongArray started;

	private final CountDownLatch remaining;

	private Probe(int first, int count) {
		this.first = first;
		this.committed = new long[count];
		this.started = new AtomicLongArray(count);
		this.remaining = new CountDownLatch(count);
	}

	/**
	 * Expect the items numbered {@code first} to {@code first + count - 1}.
	 * @param first the first item's number
	 * @param count how many
	 * @return the probe that records them
	 */
	static Probe expect(int first, int count) {
		Probe probe = new Probe(first, count);
		current = probe;
		return probe;
	}

	/**
	 * Called by the handlers when item {@code id} starts.
	 * @param id the item's number
	 */
	static void ran(int id) {
		current.record(id);
	}

	private void record(int id) {
		long now = System.nanoTime();
		int index = id - this.first;
		if (index >= 0 && index < this.started.length() && this.started.compareAndSet(index, 0, now)) {
			this.remaining.countDown();
		}
	}

	/**
	 * Note that item {@code id}'s enqueue has committed: called by the enqueuing thread
	 * once the call that committed it returned.
	 * @param id the item's number
	 */
	void committed(int id) {
		this.committed[id - this.first] = System.nanoTime();
	}

	boolean await(Duration timeout) throws InterruptedException {
		return this.remaining.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	long missing() {
		return this.remaining.getCount();
	}

	/**
	 * Return the time from commit to start of every item that started, in milliseconds.
	 * An item that started before its enqueuing call returned counts as 0.
	 * @return the latencies, unsorted
	 */
	double[] latenciesMillis() {
		double[] latencies = new double[this.committed.length];
		int n = 0;
		for (int i = 0; i < latencies.length; i++) {
			long start = this.started.get(i);
			if (start != 0 && this.committed[i] != 0) {
				latencies[n++] = Math.max(0, start - this.committed[i]) / 1e6;
			}
		}
		return java.util.Arrays.copyOf(latencies, n);
	}

}
