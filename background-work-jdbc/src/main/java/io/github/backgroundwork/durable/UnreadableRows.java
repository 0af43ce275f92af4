package io.github.backgroundwork.durable;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rows this instance could not read (their payload class is not on its classpath, or
 * no handler has their name here) and gave back for another instance: not claimed here
 * again for a while, the while doubling each time the same row comes back, from
 * {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}. At most {@link #MAX_ROWS} are
 * remembered (the oldest forgotten first): a forgotten row is claimed, found unreadable
 * and given back once more, which costs a round trip and no attempt. Used by the
 * claimer's thread only.
 */
final class UnreadableRows {

	static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);

	static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	static final int MAX_ROWS = 1000;

	private final Map<String, Backoff> rows = new LinkedHashMap<>();

	/**
	 * Note that a row could not be read here.
	 * @param id the row
	 * @param now the claimer's {@link System#nanoTime()}
	 * @return how long it is left alone here
	 */
	Duration leftAlone(String id, long now) {
		Backoff previous = this.rows.remove(id);
		long delay = (previous != null) ? Math.min(previous.delay * 2, MAX_BACKOFF.toNanos()) : FIRST_BACKOFF.toNanos();
		this.rows.put(id, new Backoff(now + delay, delay));
		if (this.rows.size() > MAX_ROWS) {
			Iterator<String> oldest = this.rows.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
		return Duration.ofNanos(delay);
	}

	/**
	 * Return the rows not to claim now.
	 * @param now the claimer's {@link System#nanoTime()}
	 * @return their ids
	 */
	Set<String> excluded(long now) {
		if (this.rows.isEmpty()) {
			return Set.of();
		}
		// A row whose while has passed stays remembered, so that its next while is
		// longer, until it is claimed again or forgotten
		return this.rows.entrySet()
			.stream()
			.filter((entry) -> now - entry.getValue().until < 0)
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

	private record Backoff(long until, long delay) {

	}

}
