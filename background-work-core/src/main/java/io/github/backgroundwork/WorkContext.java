package io.github.backgroundwork;

import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * What running work can ask of the queue: whether it should stop, and where to report how
 * far it has come.
 *
 * @since 0.1.0
 */
public interface WorkContext {

	/**
	 * Return the item's id.
	 * @return the id, unique within the queue
	 */
	String id();

	/**
	 * Return the item's name.
	 * @return the name given at enqueue time
	 */
	String name();

	/**
	 * Return which run of the item this is: 1 for the first, 2 for the first retry of
	 * typed work, and so on.
	 * @return the attempt's number
	 * @since 0.1.0
	 */
	default int attempt() {
		return 1;
	}

	/**
	 * Whether cancellation of this item has been requested: it was cancelled
	 * ({@link WorkHandle#cancel()}, the actuator endpoint), or the queue is stopping and
	 * its drain timeout has passed. Work should return soon after this becomes
	 * {@code true}. How the item then ends depends on why, as
	 * {@link #cancellationReason()} tells: a cancelled item ends
	 * {@link WorkState#CANCELLED} and does not run again; an item stopped by the shutdown
	 * ends {@link WorkState#ABANDONED} whatever its work returns or throws, and an item
	 * of a durable store is then handed back to it, to run again.
	 * @return whether the work should stop
	 */
	boolean isCancellationRequested();

	/**
	 * Return why cancellation of this item was requested, if it was. Work that keeps
	 * partial results may use it: at {@link CancellationReason#SHUTDOWN} the item will
	 * run again (a durable store's item) or is reported as abandoned, so it should save
	 * what lets it resume; at {@link CancellationReason#CANCELLED} it ends for good. A
	 * cancellation requested once the shutdown's was turns the reason to
	 * {@link CancellationReason#CANCELLED}.
	 * <p>
	 * The default says {@link CancellationReason#CANCELLED} whenever
	 * {@link #isCancellationRequested()} is {@code true}, for contexts that know no
	 * shutdown; the queue's own contexts say which.
	 * @return the reason, or empty if cancellation has not been requested
	 * @since 0.1.0
	 */
	default Optional<CancellationReason> cancellationReason() {
		return isCancellationRequested() ? Optional.of(CancellationReason.CANCELLED) : Optional.empty();
	}

	/**
	 * Throw a {@link CancellationException} if cancellation has been requested.
	 * @throws CancellationException if the work should stop
	 */
	default void throwIfCancellationRequested() {
		if (isCancellationRequested()) {
			throw new CancellationException(
					"Cancellation of background work '" + name() + "' (" + id() + ") was requested");
		}
	}

	/**
	 * Register a callback to run once when cancellation is requested, for example to
	 * close a socket the work is blocked on. The callback runs on the thread that
	 * requests cancellation, or at once on this thread if cancellation was already
	 * requested. An exception it throws is logged and otherwise ignored.
	 * @param callback the callback
	 */
	void onCancellation(Runnable callback);

	/**
	 * Report progress, shown by the actuator endpoint while the item runs.
	 * @param done how many units of work are done, at least 0
	 * @param total how many units there are in all, at least {@code done}
	 * @throws IllegalArgumentException if {@code done} is negative or greater than
	 * {@code total}
	 */
	void reportProgress(long done, long total);

}
