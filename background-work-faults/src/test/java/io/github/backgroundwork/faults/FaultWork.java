package io.github.backgroundwork.faults;

import java.time.Duration;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;

/**
 * The handler of {@value #NAME}: records its run, works for the configured time in the
 * way its item's {@link FaultItem.Kind} says, and records its completion just before it
 * returns.
 */
public class FaultWork {

	/**
	 * Name of the work.
	 */
	public static final String NAME = "fault-work";

	private final RunRecorder recorder;

	private final Duration work;

	public FaultWork(RunRecorder recorder, Duration work) {
		this.recorder = recorder;
		this.work = work;
	}

	@BackgroundWorkHandler(NAME)
	void run(FaultItem item, WorkContext context) {
		long run = this.recorder.started(context.id());
		work(item.kind(), context, this.work);
		this.recorder.completed(run);
	}

	/**
	 * Work for a while, as the kind says.
	 * @param kind how to react to cancellation
	 * @param context the running item
	 * @param duration how long to work
	 */
	static void work(FaultItem.Kind kind, WorkContext context, Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		long left;
		while ((left = end - System.nanoTime()) > 0) {
			if (context.isCancellationRequested()) {
				if (kind == FaultItem.Kind.WELL_BEHAVED) {
					context.throwIfCancellationRequested();
				}
				if (kind == FaultItem.Kind.FAILING) {
					throw new IllegalStateException("Item " + context.id() + " fails when asked to stop");
				}
			}
			try {
				// Simulated work, in steps so that cancellation is seen
				Thread.sleep(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), 20)));
			}
			catch (InterruptedException ex) {
				if (kind != FaultItem.Kind.STUBBORN) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Item " + context.id() + " interrupted", ex);
				}
			}
		}
	}

}
