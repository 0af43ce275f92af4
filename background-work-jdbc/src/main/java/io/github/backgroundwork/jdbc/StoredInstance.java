package io.github.backgroundwork.jdbc;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One queue of one instance that claims from the store, as its heartbeat says.
 *
 * @param id the instance's id: the {@code owner} of the rows it claims
 * @param queue the queue it claims for
 * @param host the host it runs on
 * @param startedAt when it started claiming, by the database's clock
 * @param concurrency how many items it runs at once
 * @param names the names of work it has handlers for, sorted
 * @param lastSeen when it last said it was alive, by the database's clock
 * @param stoppedAt when it stopped claiming, or {@code null} if it did not say so
 * @param live whether it claims: it has not stopped, and said it was alive within a lease
 * (an instance that died stopped saying so)
 * @since 0.1.0
 */
public record StoredInstance(String id, String queue, String host, Instant startedAt, int concurrency,
		List<String> names, Instant lastSeen, @Nullable Instant stoppedAt, boolean live) {

	/**
	 * Create an instance.
	 */
	public StoredInstance {
		names = List.copyOf(names);
	}

}
