package io.github.backgroundwork.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * What one wake-up costs on this machine: two threads hand a turn back and forth, each
 * parking until the other unparks it, as an executor's idle worker waits for an item.
 * Prints the CPU time of both threads and the elapsed time per hand-off (one park and one
 * unpark). On a virtual machine a wake-up can cost far more CPU than a short item, which
 * is why an executor's CPU per item follows how often its workers wait.
 * <p>
 * Argument: hand-offs per round, for example {@code 100000}.
 */
public final class WakeUpCost {

	private static volatile int turn;

	private WakeUpCost() {
	}

	public static void main(String[] args) throws InterruptedException {
		int handOffs = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		System.out.printf(Locale.ROOT, "# %d cores, Java %s; %d hand-offs per round%n",
				Runtime.getRuntime().availableProcessors(), Runtime.version(), handOffs);
		for (int round = 0; round < 5; round++) {
			Thread[] pair = new Thread[2];
			long[] cpu = new long[2];
			for (int i = 0; i < 2; i++) {
				int self = i;
				pair[i] = new Thread(() -> {
					for (int k = 0; k < handOffs / 2; k++) {
						while (turn != self) {
							LockSupport.park();
						}
						turn = 1 - self;
						LockSupport.unpark(pair[1 - self]);
					}
					cpu[self] = threads.getCurrentThreadCpuTime();
				});
			}
			turn = 0;
			long start = System.nanoTime();
			pair[0].start();
			pair[1].start();
			pair[0].join();
			pair[1].join();
			System.out.printf(Locale.ROOT, "round %d: %,.0f ns CPU and %,.0f ns elapsed per hand-off%n", round,
					(double) (cpu[0] + cpu[1]) / handOffs, (double) (System.nanoTime() - start) / handOffs);
		}
	}

}
