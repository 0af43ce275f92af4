package io.github.backgroundwork.jdbc;

import java.util.Set;

/**
 * What one renewal of an instance's leases found.
 *
 * @param held the ids still held by the instance, whose leases were extended; any other
 * was taken back after its lease expired
 * @param cancellationRequested the ids among {@code held} whose cancellation was
 * requested from another instance ({@link JdbcWorkStore#requestCancellation(String)}):
 * the instance should cancel them
 * @since 0.1.0
 */
public record RenewedLeases(Set<String> held, Set<String> cancellationRequested) {

	/**
	 * Create a result.
	 * @param held the ids still held
	 * @param cancellationRequested the held ids whose cancellation was requested
	 */
	public RenewedLeases {
		held = Set.copyOf(held);
		cancellationRequested = Set.copyOf(cancellationRequested);
	}

}
