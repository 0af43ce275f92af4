package io.github.backgroundwork.recurring;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Keeps pending due times in memory, by a {@link Clock}: once per instance, as
 * {@code @Scheduled}, and nothing survives a restart.
 *
 * @since 0.1.0
 */
public final class InMemoryRecurringStore implements RecurringStore {

	private final Clock clock;

	private final Map<String, Pending> pending = new HashMap<>();

	/**
	 * Create a store on a clock.
	 * @param clock the clock due times are compared with
	 */
	public InMemoryRecurringStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Instant now() {
		return this.clock.instant();
	}

	@Override
	public synchronized @Nullable Pending pending(String name) {
		return this.pending.get(name);
	}

	@Override
	public synchronized boolean advance(String name, @Nullable Pending expected, Pending next,
			Supplier<String> enqueue) {
		if (!Objects.equals(this.pending.get(name), expected)) {
			return false;
		}
		String itemId = enqueue.get();
		this.pending.put(name, new Pending(next.due(), itemId, next.schedule(), next.lastItemId()));
		return true;
	}

	@Override
	public synchronized Set<String> names() {
		return Set.copyOf(this.pending.keySet());
	}

}
