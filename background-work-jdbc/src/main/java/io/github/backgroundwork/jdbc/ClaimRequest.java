package io.github.backgroundwork.jdbc;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What one claim may take: due items of one queue and of some names, at most a number of
 * them in all and at most a number of each name that has a concurrency limit, leaving out
 * some ids.
 * <p>
 * A claim guarantees: never more than {@code limit} items in all, never more than
 * {@code nameLimits.get(n)} items of name {@code n}, oldest due first as far as the
 * limits allow; the items of names without a limit are not held up behind the backlog of
 * a limited name.
 *
 * @param queue the queue whose items to claim: the bean name of the queue that stored
 * them ({@value JdbcWorkStore#DEFAULT_QUEUE} for the auto-configured queue)
 * @param limit the most items to claim in all: the instance's free workers
 * @param names the names to claim (those the instance has handlers for), or {@code null}
 * for every name; an empty collection claims nothing
 * @param nameLimits for names with a concurrency limit, how many more items of that name
 * the instance may take now: 0 takes none, a name absent from the map has no limit
 * @param excludedIds ids the instance must not claim now, such as items it could not read
 * a moment ago ({@link JdbcWorkStore#releaseUnreadable})
 * @since 0.1.0
 */
public record ClaimRequest(String queue, int limit, @Nullable Collection<String> names, Map<String, Integer> nameLimits,
		Collection<String> excludedIds) {

	/**
	 * Create a request, checking every argument and copying the collections.
	 * @throws IllegalArgumentException naming the argument that is missing, blank or
	 * negative
	 */
	public ClaimRequest {
		Assert.hasText(queue, "queue must not be empty");
		Assert.isTrue(queue.length() <= 200, () -> "queue must be at most 200 characters, was " + queue.length());
		Assert.isTrue(limit >= 0, () -> "limit must not be negative, was " + limit);
		if (names != null) {
			Assert.noNullElements(names, "names must not contain null");
			names = Set.copyOf(names);
		}
		Assert.notNull(nameLimits, "nameLimits must not be null");
		nameLimits.forEach((name, nameLimit) -> {
			Assert.isTrue(name != null && nameLimit != null && nameLimit >= 0,
					() -> "nameLimits must map names to limits of at least 0, was " + name + "=" + nameLimit);
		});
		nameLimits = Map.copyOf(nameLimits);
		Assert.notNull(excludedIds, "excludedIds must not be null");
		Assert.noNullElements(excludedIds, "excludedIds must not contain null");
		excludedIds = Set.copyOf(excludedIds);
	}

	/**
	 * Create a request for items of some names, without limits per name nor exclusions.
	 * @param queue the queue whose items to claim
	 * @param limit the most items to claim
	 * @param names the names to claim; none claims nothing
	 * @return the request
	 */
	public static ClaimRequest of(String queue, int limit, Collection<String> names) {
		Assert.notNull(names, "names must not be null");
		return new ClaimRequest(queue, limit, names, Map.of(), Set.of());
	}

	/**
	 * Create a request for items of every name, without limits per name nor exclusions.
	 * @param queue the queue whose items to claim
	 * @param limit the most items to claim
	 * @return the request
	 */
	public static ClaimRequest ofEveryName(String queue, int limit) {
		return new ClaimRequest(queue, limit, null, Map.of(), Set.of());
	}

}
