package io.github.backgroundwork.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.github.backgroundwork.QueueSnapshot;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkNameSummary;
import io.github.backgroundwork.WorkPage;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

/**
 * Answers questions about the items of one {@link Dispatcher}: find by id, pages, counts
 * by name. Each answer walks the registry once under the dispatcher's lock, making
 * snapshots only of what it returns. Pages and counts by name leave out the items that
 * run rows of a durable store ({@link WorkItem#isStored()}): the store lists those, for
 * every instance, so they are shown once; the statistics count them, since they take this
 * queue's workers.
 */
final class Inspector {

	private final ItemRegistry registry;

	Inspector(ItemRegistry registry) {
		this.registry = registry;
	}

	QueueStatistics statistics() {
		this.registry.fullyLock();
		try {
			int scheduled = this.registry.scheduled.size();
			return new QueueStatistics(this.registry.state, this.registry.settings.concurrency(),
					this.registry.settings.capacity(), this.registry.waiting() - scheduled, scheduled,
					this.registry.running.size(), this.registry.running.totals(this.registry.counts.acceptedCount(),
							this.registry.counts.rejectedCount()));
		}
		finally {
			this.registry.fullyUnlock();
		}
	}

	/**
	 * Visit every item in flight, running ones then queued ones, oldest first, then the
	 * recently finished ones, most recent first, under both locks: the visitors must be
	 * quick and must not enqueue.
	 */
	void inspect(Consumer<WorkItem> inFlight, Consumer<WorkItem> finished) {
		this.registry.fullyLock();
		try {
			this.registry.running.list().forEach(inFlight);
			this.registry.limits.forEach(inFlight);
			this.registry.ready.forEach(inFlight);
			this.registry.scheduled.forEach(inFlight);
			this.registry.running.forEachFinished(finished);
		}
		finally {
			this.registry.fullyUnlock();
		}
	}

	Optional<WorkHandle> find(@Nullable String id) {
		long sequence = this.registry.ids.parse(id);
		if (sequence < 0) {
			return Optional.empty();
		}
		WorkItem[] found = new WorkItem[1];
		// A stored item's id is its row's, not its sequence: the store finds it
		inspect((item) -> {
			if (item.sequence == sequence && !item.isStored()) {
				found[0] = item;
			}
		}, (item) -> {
			if (item.sequence == sequence && found[0] == null && !item.isStored()) {
				found[0] = item;
			}
		});
		return Optional.ofNullable(found[0]);
	}

	WorkPage items(WorkQuery query) {
		List<WorkItemSnapshot> page = new ArrayList<>(Math.min(query.limit(), 256));
		long[] total = new long[1];
		Consumer<WorkItem> visitor = (item) -> {
			if (!item.isStored() && query.matches(item)) {
				if (total[0] >= query.offset() && page.size() < query.limit()) {
					page.add(item.snapshot());
				}
				total[0]++;
			}
		};
		inspect(visitor, visitor);
		return new WorkPage(page, total[0]);
	}

	List<WorkNameSummary> summaryByName() {
		Map<String, long[]> counts = new TreeMap<>();
		inspect((item) -> {
			if (item.isStored()) {
				return;
			}
			long[] count = counts.computeIfAbsent(item.name(), (name) -> new long[4]);
			WorkState state = item.state();
			count[(state == WorkState.QUEUED) ? 0 : (state == WorkState.SCHEDULED) ? 1 : 2]++;
		}, (item) -> {
			if (item.state() == WorkState.FAILED && !item.isStored()) {
				counts.computeIfAbsent(item.name(), (name) -> new long[4])[3]++;
			}
		});
		List<WorkNameSummary> summaries = new ArrayList<>(counts.size());
		counts
			.forEach((name, count) -> summaries.add(new WorkNameSummary(name, count[0], count[1], count[2], count[3])));
		return summaries;
	}

	QueueSnapshot snapshot() {
		List<WorkItemSnapshot> inFlight = new ArrayList<>();
		List<WorkItemSnapshot> recent = new ArrayList<>();
		inspect((item) -> inFlight.add(item.snapshot()), (item) -> recent.add(item.snapshot()));
		return new QueueSnapshot(statistics(), inFlight, recent);
	}

}
