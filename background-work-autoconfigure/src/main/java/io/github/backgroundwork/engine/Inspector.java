package io.github.backgroundwork.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.github.backgroundwork.QueueSnapshot;
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
 * snapshots only of what it returns.
 */
final class Inspector {

	private final Dispatcher dispatcher;

	Inspector(Dispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	Optional<WorkHandle> find(@Nullable String id) {
		long sequence = this.dispatcher.ids.parse(id);
		if (sequence < 0) {
			return Optional.empty();
		}
		WorkItem[] found = new WorkItem[1];
		this.dispatcher.inspect((item) -> {
			if (item.sequence == sequence) {
				found[0] = item;
			}
		}, (item) -> {
			if (item.sequence == sequence && found[0] == null) {
				found[0] = item;
			}
		});
		return Optional.ofNullable(found[0]);
	}

	WorkPage items(WorkQuery query) {
		List<WorkItemSnapshot> page = new ArrayList<>(Math.min(query.limit(), 256));
		long[] total = new long[1];
		java.util.function.Consumer<WorkItem> visitor = (item) -> {
			if (query.matches(item)) {
				if (total[0] >= query.offset() && page.size() < query.limit()) {
					page.add(item.snapshot());
				}
				total[0]++;
			}
		};
		this.dispatcher.inspect(visitor, visitor);
		return new WorkPage(page, total[0]);
	}

	List<WorkNameSummary> summaryByName() {
		Map<String, long[]> counts = new TreeMap<>();
		this.dispatcher.inspect((item) -> {
			long[] count = counts.computeIfAbsent(item.name(), (name) -> new long[4]);
			count[(item.state() == WorkState.QUEUED) ? 0 : 2]++;
		}, (item) -> {
			if (item.state() == WorkState.FAILED) {
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
		this.dispatcher.inspect((item) -> inFlight.add(item.snapshot()), (item) -> recent.add(item.snapshot()));
		return new QueueSnapshot(this.dispatcher.statistics(), inFlight, recent);
	}

}
