package io.github.backgroundwork.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.actuate.DurableWorkDescriptor.CountDescriptor;
import io.github.backgroundwork.actuate.QueueDescriptor.ItemsDescriptor;
import io.github.backgroundwork.actuate.WorkItemDescriptor.Unreadable;
import io.github.backgroundwork.jdbc.StoredState;
import io.github.backgroundwork.jdbc.StoredWork;
import io.github.backgroundwork.jdbc.StoredWorkReader;
import io.github.backgroundwork.jdbc.WorkCount;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Describes the items of a durable store for the {@link BackgroundWorkEndpoint}, through
 * a {@link StoredWorkReader}: bounded reads, served by indexes, for the whole cluster.
 *
 * @since 0.1.0
 */
public final class DurableWorkDescriber {

	/**
	 * How far back ended items are counted.
	 */
	public static final Duration ENDED_WITHIN = Duration.ofHours(1);

	/**
	 * The most matching items a page's {@code total} counts.
	 */
	public static final int MAX_TOTAL = 10_000;

	private final StoredWorkReader reader;

	/**
	 * Create a describer.
	 * @param reader the store's reader
	 */
	public DurableWorkDescriber(StoredWorkReader reader) {
		Assert.notNull(reader, "reader must not be null");
		this.reader = reader;
	}

	DurableWorkDescriptor describe(WorkQuery query, int maxNames) {
		List<WorkCount> counts = this.reader.countByNameAndState(ENDED_WITHIN);
		Map<String, Long> totals = counts.stream()
			.collect(Collectors.groupingBy(WorkCount::name, LinkedHashMap::new,
					Collectors.summingLong(WorkCount::count)));
		Set<String> shown = totals.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(maxNames)
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		List<CountDescriptor> shownCounts = counts.stream()
			.filter((count) -> shown.contains(count.name()))
			.sorted(Comparator.comparingLong((WorkCount count) -> totals.get(count.name()))
				.reversed()
				.thenComparing(WorkCount::name)
				.thenComparing(WorkCount::state))
			.map((count) -> new CountDescriptor(count.name(), count.state(), count.count()))
			.toList();
		return new DurableWorkDescriptor(shownCounts, totals.size() - shown.size(), ENDED_WITHIN, page(query));
	}

	private ItemsDescriptor page(WorkQuery query) {
		if (query.state() == WorkState.ABANDONED) {
			// Durable items are handed back, never abandoned
			return new ItemsDescriptor(query.offset(), query.limit(), 0, List.of());
		}
		StoredState state = (query.state() != null) ? StoredState.valueOf(query.state().name()) : null;
		int limit = Math.min(query.limit(), StoredWorkReader.MAX_PAGE_SIZE);
		List<WorkItemDescriptor> items = this.reader.page(state, query.name(), query.offset(), limit)
			.stream()
			.map(DurableWorkDescriber::describe)
			.toList();
		long total = this.reader.countUpTo(state, query.name(), MAX_TOTAL);
		return new ItemsDescriptor(query.offset(), limit, total, items);
	}

	Optional<WorkItemDescriptor> find(String id) {
		return this.reader.findById(id).map(DurableWorkDescriber::describe);
	}

	static WorkItemDescriptor describe(StoredWork row) {
		WorkState state = WorkState.valueOf(row.state().name());
		return new WorkItemDescriptor(row.id(), row.name(), state, row.enqueuedAt(), row.startedAt(), row.finishedAt(),
				duration(row, state), null, error(row.error()), false, row.attempts(), row.key(),
				(state == WorkState.SCHEDULED) ? row.notBefore() : null, row.owner(), unreadable(row), row.retriedAt());
	}

	private static @Nullable Unreadable unreadable(StoredWork row) {
		String by = row.unreadableBy();
		String reason = row.unreadableReason();
		return (by != null && reason != null) ? new Unreadable(by, reason) : null;
	}

	private static @Nullable Duration duration(StoredWork row, WorkState state) {
		Instant started = row.startedAt();
		if (started == null || state == WorkState.QUEUED || state == WorkState.SCHEDULED) {
			return null;
		}
		Instant end = (row.finishedAt() != null) ? row.finishedAt() : Instant.now();
		return end.isBefore(started) ? Duration.ZERO : Duration.between(started, end);
	}

	/**
	 * The store keeps an error as {@code Throwable.toString()}: {@code type: message}.
	 */
	private static @Nullable WorkError error(@Nullable String error) {
		if (error == null) {
			return null;
		}
		int colon = error.indexOf(": ");
		String type = (colon > 0) ? error.substring(0, colon) : error;
		if (type.chars().anyMatch(Character::isWhitespace)) {
			return new WorkError("error", error);
		}
		return new WorkError(type, (colon > 0) ? error.substring(colon + 2) : null);
	}

}
